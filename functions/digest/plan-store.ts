import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, tableName } from '../shared/db.ts';
import {
  TransactionCancelled,
  absent,
  expiresAfter,
  isConditionFailure,
  queryAll,
  recordOf,
  transactWrite,
  type TransactItem,
} from '../shared/dynamo.ts';
import {
  DIGEST_SHARD_PREFIX,
  digestContentKey,
  digestEventsKey,
  digestRunKey,
  digestShardKey,
} from '../shared/keys.ts';
import type { DigestSnapshot, RenderedContent } from './content.ts';
import { RUN_ITEMS_TTL_SECONDS, type ShardCheckpoint } from './model.ts';
import { addToRun } from './run-store.ts';

/*
 * The plans store: what the planner settles under a run (`DIGEST#<runId>`) so that every shard and the
 * sender work from the same facts: the events of the week, each shard's checkpoint, and each distinct
 * rendered content.
 */

const expiry = (nowMs: number) => expiresAfter(nowMs, RUN_ITEMS_TTL_SECONDS);

export async function saveSnapshot(runId: string, snapshot: DigestSnapshot, nowMs: number): Promise<void> {
  await ddb.send(
    new PutCommand({ TableName: tableName, Item: { ...digestEventsKey(runId), snapshot, ...expiry(nowMs) } }),
  );
}

export async function findSnapshot(runId: string): Promise<DigestSnapshot | undefined> {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName, Key: digestEventsKey(runId) }));
  return (Item as { snapshot?: DigestSnapshot } | undefined)?.snapshot;
}

export async function findCheckpoint(runId: string, shard: number): Promise<ShardCheckpoint> {
  const { Item } = await ddb.send(
    new GetCommand({ TableName: tableName, Key: digestShardKey(runId, shard), ConsistentRead: true }),
  );
  return Item ? recordOf<ShardCheckpoint>(Item) : { page: 0, carry: {}, done: false };
}

/**
 * Records that a shard's page was planned and its batches queued: the checkpoint moves on and the run's
 * counters grow, in one transaction conditional on the page, so a redelivered shard message that
 * repeats a page never counts it twice. False when the page was committed already.
 */
export async function commitPage(
  runId: string,
  shard: number,
  page: number,
  next: Omit<ShardCheckpoint, 'page'>,
  counts: { planned: number; skipped: number; batches: number },
  nowMs: number,
): Promise<boolean> {
  const checkpoint: TransactItem = {
    Put: {
      TableName: tableName,
      Item: { ...digestShardKey(runId, shard), ...next, page: page + 1, ...expiry(nowMs) },
      ...(page === 0
        ? absent()
        : { ConditionExpression: 'page = :page', ExpressionAttributeValues: { ':page': page } }),
    },
  };
  const counters = addToRun(runId, {
    planned: counts.planned,
    skipped: counts.skipped,
    batchesPlanned: counts.batches,
    ...(next.done ? { shardsDone: 1 } : {}),
  });
  try {
    await transactWrite([checkpoint, counters]);
    return true;
  } catch (error) {
    if (error instanceof TransactionCancelled && error.failedAt(0)) return false;
    throw error;
  }
}

export async function allCheckpoints(runId: string): Promise<ShardCheckpoint[]> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': digestRunKey(runId).PK, ':prefix': DIGEST_SHARD_PREFIX },
    ConsistentRead: true,
  });
  return items.map((item) => recordOf<ShardCheckpoint>(item));
}

/** Stores rendered content once (a second writer of the same content id changes nothing). */
export async function saveContent(runId: string, contentId: string, content: RenderedContent, nowMs: number) {
  try {
    await ddb.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...digestContentKey(runId, contentId), ...content, ...expiry(nowMs) },
        ...absent(),
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

export async function findContent(runId: string, contentId: string): Promise<RenderedContent | undefined> {
  const { Item } = await ddb.send(
    new GetCommand({
      TableName: tableName,
      Key: digestContentKey(runId, contentId),
      ProjectionExpression: 'subject, html, #text',
      ExpressionAttributeNames: { '#text': 'text' },
    }),
  );
  return Item as RenderedContent | undefined;
}
