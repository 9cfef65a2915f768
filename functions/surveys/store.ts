import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { toUtc } from '../events/times.ts';
import { keyedBy } from '../shared/cursor.ts';
import { ddb, tableName } from '../shared/db.ts';
import {
  ALL_SURVEYS_PARTITION,
  PUBLISHED_SURVEYS_PARTITION,
  surveyCountersPrefix,
  surveyIndexKeys,
  surveyKey,
  surveyVersionKey,
  type SurveyCell,
} from '../shared/keys.ts';
import { notFound, preconditionFailed } from '../shared/problem.ts';
import {
  TransactionCancelled,
  absent,
  indexPage,
  queryAll,
  queryPage,
  recordOf,
  transactWrite,
  versionIs,
  type Item,
  type TransactItem,
} from '../shared/dynamo.ts';
import type { PublishedVersion, Survey } from './model.ts';
import type { QuestionKind } from './vocabulary.ts';

/*
 * The survey definitions: one head item per survey (GSI1: all surveys; GSI2 while published: by closing
 * time), and an immutable snapshot of each published version. Every write is conditional on the
 * revision read (optimistic concurrency).
 */

function toItem(survey: Survey) {
  const listed = survey.status === 'published' && survey.current;
  return {
    ...surveyKey(survey.id),
    ...surveyIndexKeys({
      id: survey.id,
      ...(listed ? { closesAtUtc: toUtc(survey.current?.closesAt ?? '') } : {}),
    }),
    entity: 'survey',
    ...survey,
  };
}

const toSurvey = (item: Item) => recordOf<Survey>(item);

export async function insertSurvey(survey: Survey): Promise<void> {
  await ddb.send(
    new PutCommand({
      TableName: tableName,
      Item: toItem(survey),
      ...absent(),
    }),
  );
}

export async function findSurvey(id: string): Promise<Survey | undefined> {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName, Key: surveyKey(id) }));
  return Item ? toSurvey(Item) : undefined;
}

export async function requireSurvey(id: string): Promise<Survey> {
  const survey = await findSurvey(id);
  if (!survey) throw notFound('No such survey.');
  return survey;
}

/** A published version as it was published (answers to it are read against it). */
export async function findVersion(id: string, version: number): Promise<PublishedVersion | undefined> {
  const { Item } = await ddb.send(
    new GetCommand({ TableName: tableName, Key: surveyVersionKey(id, version) }),
  );
  return Item?.definition as PublishedVersion | undefined;
}

/**
 * Writes the next state of a survey if nobody changed it since `before` was read (else 412); publishing
 * also writes the version's immutable snapshot, in the same transaction.
 */
export async function replaceSurvey(before: Survey, after: Survey): Promise<void> {
  const head = {
    Put: {
      TableName: tableName,
      Item: toItem(after),
      ...versionIs('revision', before.revision),
    },
  };
  const newVersion =
    after.current && after.current.version !== before.current?.version ? after.current : undefined;
  const snapshot = newVersion
    ? [
        {
          Put: {
            TableName: tableName,
            Item: {
              ...surveyVersionKey(after.id, newVersion.version),
              entity: 'surveyVersion',
              definition: newVersion,
            },
            ...absent(),
          },
        },
      ]
    : [];
  try {
    await transactWrite([head, ...snapshot]);
  } catch (error) {
    if (error instanceof TransactionCancelled) throw preconditionFailed();
    throw error;
  }
}

/** A transaction item checking that the survey still takes answers to this published version. */
export const takesAnswersTo = (surveyId: string, version: number): TransactItem => ({
  ConditionCheck: {
    TableName: tableName,
    Key: surveyKey(surveyId),
    ConditionExpression: '#status = :published AND #current.#version = :version',
    ExpressionAttributeNames: { '#status': 'status', '#current': 'current', '#version': 'version' },
    ExpressionAttributeValues: { ':published': 'published', ':version': version },
  },
});

/** One page of every survey, newest first. */
export async function listSurveys(page: {
  limit: number;
  cursor?: string;
  status?: string;
}): Promise<{ items: Survey[]; cursor?: string }> {
  const filter = page.status
    ? {
        FilterExpression: '#status = :status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':status': page.status },
      }
    : {};
  const result = await indexPage(
    'GSI1',
    ALL_SURVEYS_PARTITION,
    { limit: page.limit, cursor: page.cursor },
    { ScanIndexForward: false, ...filter },
    keyedBy('GSI1SK', surveyKey),
  );
  return { ...result, items: result.items.map(toSurvey) };
}

/** Published surveys that close after `nowUtc`: a city runs a handful at a time, so one bounded Query. */
export const MAX_PUBLISHED = 100;
export async function publishedSurveys(nowUtc: string): Promise<Survey[]> {
  const { items } = await queryPage(
    {
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :published AND GSI2SK > :now',
      ExpressionAttributeValues: { ':published': PUBLISHED_SURVEYS_PARTITION, ':now': nowUtc },
    },
    MAX_PUBLISHED,
  );
  return items.map(toSurvey);
}

/** A counter item of a survey's results (see `tally.ts`): the cell, the question, and its tallies. */
export type CounterItem = Record<string, unknown> & {
  cell: SurveyCell;
  question?: string;
  kind?: QuestionKind;
};

/**
 * Every counter item of a survey, or of one kecamatan: O(cells × questions) small items, however many
 * responses there are.
 */
export async function surveyCounters(surveyId: string, kecamatan?: string): Promise<CounterItem[]> {
  return (await queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': surveyKey(surveyId).PK, ':prefix': surveyCountersPrefix(kecamatan) },
  })) as CounterItem[];
}
