import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { businessExists } from '../businesses/store.ts';
import { keyedBy } from '../shared/cursor.ts';
import { ddb, tableName } from '../shared/db.ts';
import {
  ANSWERS_PREFIX,
  businessKey,
  ownerBusinessesPartition,
  surveyAnswersIndexKeys,
  surveyAnswersKey,
  surveyAnswersOwnerIndexKey,
  surveyAnswersPartition,
  type SurveyCell,
} from '../shared/keys.ts';
import { conflict, notFound } from '../shared/problem.ts';
import {
  TransactionCancelled,
  absent,
  indexPage,
  queryAll,
  recordOf,
  transactWrite,
  versionIs,
  type Item,
  type TransactItem,
} from '../shared/dynamo.ts';
import { findOwnerNeeds, ownerNeedsItem } from './needs-store.ts';
import { takesAnswersTo } from './store.ts';
import { counterUpdates } from './tally.ts';
import type { Answers, Need, QuestionKind } from './vocabulary.ts';

/*
 * A business's answers to a survey: one item per business and survey (`BUSINESS#<bid>` / `RESPONSE#<surveyId>`), written
 * in one transaction with the survey's counters and, when the answers change the business's declared
 * needs, the owner's NEEDS item.
 */

export interface AnswersRecord {
  businessId: string;
  surveyId: string;
  /** Absent for a business nobody has claimed yet (its answers were given by an operator, assisted). */
  ownerSub?: string;
  /** An operator answered on the business's behalf (field officers, businesses with no account). */
  assisted?: { by: string; at: string };
  /** The published version answered. */
  version: number;
  answers: Answers;
  kinds: Record<string, QuestionKind>;
  /** The needs these answers declare (present when the version asks about needs). */
  needs?: Need[];
  /** Where the business stood when it answered: the counter cell the answers are counted in. */
  cell: SurveyCell;
  revision: number;
  answeredAt: string;
  updatedAt: string;
}

const toAnswers = (item: Item) => recordOf<AnswersRecord>(item);

export async function findAnswers(businessId: string, surveyId: string): Promise<AnswersRecord | undefined> {
  const { Item } = await ddb.send(
    new GetCommand({ TableName: tableName, Key: surveyAnswersKey(businessId, surveyId) }),
  );
  return Item ? toAnswers(Item) : undefined;
}

/** The answers to save: everything about the answers except what the store derives. */
export type AnswersDraft = Omit<AnswersRecord, 'revision' | 'answeredAt' | 'updatedAt'>;

const ATTEMPTS = 5;

/**
 * Saves a business's answers (new or changed) with its counter deltas, checking in the same transaction
 * that the business still exists and the survey still takes answers to this version. A concurrent change
 * of the same answers or of the owner's needs is re-read and retried.
 */
export async function saveAnswers(draft: AnswersDraft, now: string): Promise<AnswersRecord> {
  for (let attempt = 1; ; attempt++) {
    const [before, ownerNeeds] = await Promise.all([
      findAnswers(draft.businessId, draft.surveyId),
      draft.needs && draft.ownerSub !== undefined ? findOwnerNeeds(draft.ownerSub) : undefined,
    ]);
    const after: AnswersRecord = {
      ...draft,
      revision: (before?.revision ?? 0) + 1,
      answeredAt: before?.answeredAt ?? now,
      updatedAt: now,
    };
    const items = [
      {
        Put: {
          TableName: tableName,
          Item: {
            ...surveyAnswersKey(draft.businessId, draft.surveyId),
            ...surveyAnswersIndexKeys(draft),
            entity: 'surveyResponse',
            ...after,
          },
          ...(before ? versionIs('revision', before.revision) : absent()),
        },
      },
      businessExists(draft.businessId),
      takesAnswersTo(draft.surveyId, draft.version),
      // Declared needs steer an owner's digest: a business with no owner has no digest to steer yet.
      ...(draft.needs && draft.ownerSub !== undefined
        ? [ownerNeedsItem(draft.ownerSub, ownerNeeds, draft.businessId, draft.needs, now)]
        : []),
      ...counterUpdates(draft.surveyId, before, after),
    ];
    try {
      await transactWrite(items);
      return after;
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      if (error.failedAt(1)) throw notFound('No such business.');
      if (error.failedAt(2))
        throw conflict('The survey closed or a new version was published; load it again.');
      if (attempt >= ATTEMPTS) throw conflict('The response changed concurrently; try again.');
    }
  }
}

/**
 * In a claim's transaction: the answers given for the business before anyone owned it (assisted) join the
 * new owner's index, so that the owner sees them and they go with the owner's data. At most one item per
 * survey, so few.
 */
export async function answersJoinOwner(businessId: string, ownerSub: string): Promise<TransactItem[]> {
  const answers = await answersOfBusiness(businessId);
  return answers.map((record) => {
    const { GSI1PK, GSI1SK } = surveyAnswersOwnerIndexKey(ownerSub, record);
    return {
      Update: {
        TableName: tableName,
        Key: surveyAnswersKey(businessId, record.surveyId),
        UpdateExpression: 'SET ownerSub = :owner, GSI1PK = :gsi1pk, GSI1SK = :gsi1sk',
        ...versionIs('revision', record.revision),
        ExpressionAttributeValues: {
          ':owner': ownerSub,
          ':gsi1pk': GSI1PK,
          ':gsi1sk': GSI1SK,
          ':version': record.revision,
        },
      },
    };
  });
}

/** Every answers record of a business (at most one per survey), for its erasure and its open-survey list. */
export async function answersOfBusiness(businessId: string): Promise<AnswersRecord[]> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': businessKey(businessId).PK, ':prefix': ANSWERS_PREFIX },
  });
  return items.map(toAnswers);
}

/** The answers of an owner's businesses to every survey (UU PDP right of access). */
export async function answersOfOwner(ownerSub: string): Promise<AnswersRecord[]> {
  const items = await queryAll({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :owner AND begins_with(GSI1SK, :prefix)',
    ExpressionAttributeValues: { ':owner': ownerBusinessesPartition(ownerSub), ':prefix': ANSWERS_PREFIX },
  });
  return items.map(toAnswers);
}

/** One page of a survey's answers in business-id order (the export). */
export async function answersPage(
  surveyId: string,
  page: { limit: number; cursor?: string },
): Promise<{ items: AnswersRecord[]; cursor?: string }> {
  const result = await indexPage(
    'GSI2',
    surveyAnswersPartition(surveyId),
    page,
    {},
    keyedBy('GSI2SK', (businessId) => surveyAnswersKey(businessId, surveyId)),
  );
  return { ...result, items: result.items.map(toAnswers) };
}

/*
 * What erasing a business (UU PDP) does to its survey data: each answers record goes with its counts (one
 * transaction per record, so a business that answered many surveys stays within DynamoDB's 100 items
 * per transaction), then the record itself goes together with its place in the owner's declared needs.
 */

export async function eraseAnswersOf(businessId: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const records = await answersOfBusiness(businessId);
    if (records.length === 0) return;
    try {
      for (const record of records) {
        await transactWrite([
          {
            Delete: {
              TableName: tableName,
              Key: surveyAnswersKey(businessId, record.surveyId),
              ...versionIs('revision', record.revision),
            },
          },
          ...counterUpdates(record.surveyId, record, undefined),
        ]);
      }
    } catch (error) {
      // Changed while being erased: read the answers again.
      if (!(error instanceof TransactionCancelled) || attempt >= 3) throw error;
    }
  }
}
