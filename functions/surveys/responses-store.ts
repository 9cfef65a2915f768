import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, tableName } from '../shared/db.ts';
import {
  RESPONSE_PREFIX,
  businessKey,
  ownerBusinessesPartition,
  surveyKey,
  surveyResponseIndexKeys,
  surveyResponseKey,
  surveyResponsesPartition,
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
} from '../shared/dynamo.ts';
import { findOwnerNeeds, ownerNeedsItem } from './needs.ts';
import { counterUpdates } from './tally.ts';
import type { Answers, Need, QuestionKind } from './vocabulary.ts';

/*
 * Survey responses: one item per business and survey (`BUSINESS#<bid>` / `RESPONSE#<surveyId>`), written
 * in one transaction with the survey's counters and, when the answers change the business's declared
 * needs, the owner's NEEDS item.
 */

export interface SurveyResponse {
  businessId: string;
  surveyId: string;
  ownerSub: string;
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

const toResponse = (item: Item) => recordOf<SurveyResponse>(item);

export async function findResponse(
  businessId: string,
  surveyId: string,
): Promise<SurveyResponse | undefined> {
  const { Item } = await ddb.send(
    new GetCommand({ TableName: tableName, Key: surveyResponseKey(businessId, surveyId) }),
  );
  return Item ? toResponse(Item) : undefined;
}

/** The answers to save: everything about the response except what the store derives. */
export type ResponseDraft = Omit<SurveyResponse, 'revision' | 'answeredAt' | 'updatedAt'>;

const ATTEMPTS = 5;

/**
 * Saves a business's response (new or changed) with its counter deltas, checking in the same transaction
 * that the business still exists and the survey still takes answers to this version. A concurrent change
 * of the same response or of the owner's needs is re-read and retried.
 */
export async function saveResponse(draft: ResponseDraft, now: string): Promise<SurveyResponse> {
  for (let attempt = 1; ; attempt++) {
    const [before, ownerNeeds] = await Promise.all([
      findResponse(draft.businessId, draft.surveyId),
      draft.needs ? findOwnerNeeds(draft.ownerSub) : undefined,
    ]);
    const after: SurveyResponse = {
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
            ...surveyResponseKey(draft.businessId, draft.surveyId),
            ...surveyResponseIndexKeys(draft),
            entity: 'surveyResponse',
            ...after,
          },
          ...(before ? versionIs('revision', before.revision) : absent()),
        },
      },
      {
        ConditionCheck: {
          TableName: tableName,
          Key: businessKey(draft.businessId),
          ConditionExpression: 'attribute_exists(PK)',
        },
      },
      {
        ConditionCheck: {
          TableName: tableName,
          Key: surveyKey(draft.surveyId),
          ConditionExpression: '#status = :published AND #current.#version = :version',
          ExpressionAttributeNames: { '#status': 'status', '#current': 'current', '#version': 'version' },
          ExpressionAttributeValues: { ':published': 'published', ':version': draft.version },
        },
      },
      ...(draft.needs
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

/** Every response of a business (at most one per survey), for its erasure and its open-survey list. */
export async function responsesOfBusiness(businessId: string): Promise<SurveyResponse[]> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': businessKey(businessId).PK, ':prefix': RESPONSE_PREFIX },
  });
  return items.map(toResponse);
}

/** Every response to the surveys of an owner's businesses (UU PDP right of access). */
export async function responsesOfOwner(ownerSub: string): Promise<SurveyResponse[]> {
  const items = await queryAll({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :owner AND begins_with(GSI1SK, :prefix)',
    ExpressionAttributeValues: { ':owner': ownerBusinessesPartition(ownerSub), ':prefix': RESPONSE_PREFIX },
  });
  return items.map(toResponse);
}

/** One page of a survey's responses in business-id order (the export). */
export async function responsesPage(
  surveyId: string,
  page: { limit: number; cursor?: string },
): Promise<{ items: SurveyResponse[]; cursor?: string }> {
  const result = await indexPage('GSI2', surveyResponsesPartition(surveyId), page);
  return { ...result, items: result.items.map(toResponse) };
}
