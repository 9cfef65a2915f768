import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor } from '../shared/cursor.ts';
import { ddb, tableName } from '../shared/db.ts';
import {
  absent,
  isConditionFailure,
  present,
  queryPage,
  recordOf,
  type TransactItem,
} from '../shared/dynamo.ts';
import { DIGEST_RUNS_PARTITION, digestRunIndexKey, digestRunKey } from '../shared/keys.ts';
import type { RunRecord } from './model.ts';
import { RUN_ID } from './week.ts';

/*
 * The runs store: one item per week's run (`DIGEST#<runId>` / `RUN`, GSI2 newest first). Its counters
 * grow in the same transactions that record the work they count, through the items `addToRun` and
 * `countSuppressed` give the other stores.
 */

/** Creates the run of a week; false when it exists already (a second trigger of the same week). */
export async function createRun(run: RunRecord): Promise<boolean> {
  try {
    await ddb.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...digestRunKey(run.runId), ...digestRunIndexKey(run.runId), ...run },
        ...absent(),
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export async function findRun(runId: string, consistent = false): Promise<RunRecord | undefined> {
  const { Item } = await ddb.send(
    new GetCommand({ TableName: tableName, Key: digestRunKey(runId), ConsistentRead: consistent }),
  );
  return Item ? recordOf<RunRecord>(Item) : undefined;
}

/** Runs newest first (GSI2), paged; `before` narrows to runs earlier than a run id. */
export async function listRuns(options: {
  limit: number;
  cursor?: string;
  before?: string;
}): Promise<{ runs: RunRecord[]; cursor?: string }> {
  const scope = { list: DIGEST_RUNS_PARTITION, query: { before: options.before } };
  const after = decodeCursor(options.cursor, scope, {
    attributes: ['GSI2SK'],
    valid: ({ GSI2SK: runId = '' }) =>
      RUN_ID.test(runId) && (options.before === undefined || runId < options.before),
  })?.GSI2SK;
  const upper = after ?? options.before;
  const { items, lastKey } = await queryPage(
    {
      IndexName: 'GSI2',
      KeyConditionExpression: upper === undefined ? 'GSI2PK = :pk' : 'GSI2PK = :pk AND GSI2SK < :upper',
      ExpressionAttributeValues: { ':pk': DIGEST_RUNS_PARTITION, ...(upper ? { ':upper': upper } : {}) },
      ScanIndexForward: false,
    },
    options.limit,
  );
  const runs = items.map((item) => recordOf<RunRecord>(item));
  const last = runs.at(-1);
  return {
    runs,
    ...(lastKey && last ? { cursor: encodeCursor(scope, { GSI2SK: last.runId }) } : {}),
  };
}

export async function markShardsQueued(
  runId: string,
  counts: { events: number; cancellations: number },
): Promise<void> {
  await ddb.send(
    new UpdateCommand({
      TableName: tableName,
      Key: digestRunKey(runId),
      UpdateExpression: 'SET shardsQueued = :yes, events = :events, cancellations = :cancellations',
      ExpressionAttributeValues: {
        ':yes': true,
        ':events': counts.events,
        ':cancellations': counts.cancellations,
      },
    }),
  );
}

/** A transaction item adding to a run's counters (`{ sent: 3 }` → `ADD sent :sent`). */
export const addToRun = (runId: string, counts: Record<string, number>): TransactItem => ({
  Update: {
    TableName: tableName,
    Key: digestRunKey(runId),
    UpdateExpression: `ADD ${Object.keys(counts)
      .map((name) => `${name} :${name}`)
      .join(', ')}`,
    ExpressionAttributeValues: Object.fromEntries(
      Object.entries(counts).map(([name, value]) => [`:${name}`, value]),
    ),
  },
});

/** A transaction item counting a suppressed subscriber in a run, provided the run exists. */
export const countSuppressed = (runId: string): TransactItem => ({
  Update: {
    TableName: tableName,
    Key: digestRunKey(runId),
    UpdateExpression: 'ADD suppressed :one',
    ConditionExpression: present(),
    ExpressionAttributeValues: { ':one': 1 },
  },
});

/** Planning is over: the last batches are queued and the run starts sending (or is done: nothing to send). */
export async function finishPlanning(runId: string, lastBatches: number, nowMs: number): Promise<boolean> {
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: digestRunKey(runId),
        UpdateExpression: 'SET #state = :sending ADD batchesPlanned :batches',
        ConditionExpression: '#state = :planning',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':planning': 'planning',
          ':batches': lastBatches,
        },
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
  await completeIfSent(runId, nowMs);
  return true;
}

/** Marks the run done once every planned batch is finished (whoever finishes the last one). */
export async function completeIfSent(runId: string, nowMs: number): Promise<void> {
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: digestRunKey(runId),
        UpdateExpression: 'SET #state = :done, finishedAt = :now',
        ConditionExpression: '#state = :sending AND batchesDone >= batchesPlanned',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':done': 'done',
          ':sending': 'sending',
          ':now': new Date(nowMs).toISOString(),
        },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
