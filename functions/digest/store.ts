import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type BatchGetCommandOutput,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ddb, tableName } from '../shared/db.ts';
import {
  DIGEST_SHARD_PREFIX,
  digestBatchKey,
  digestContentKey,
  digestEventsKey,
  digestRunIndexKey,
  digestRunKey,
  digestShardKey,
  digestShardPartition,
  eventStartRange,
  eventsByStatusPartition,
  ownerNeedsKey,
  publicEventsPartition,
  subscriberKey,
  type TableKey,
} from '../shared/keys.ts';
import { transactWrite, TransactionCancelled } from '../shared/transact.ts';
import type { EventRecord } from '../events/records.ts';
import { NEEDS } from '../events/vocabulary.ts';
import type { Filters, SubscriberStatus } from '../subscriptions/store.ts';
import type { Language } from '../subscriptions/schemas.ts';
import { toDigestEvent, type DigestEvent, type DigestSnapshot, type RenderedContent } from './content.ts';
import type { RunRecord } from './runs.ts';

/**
 * The digest's table access: run records, the events of a run, shard checkpoints, rendered content and
 * per-batch markers (all under `DIGEST#<runId>`), the sharded index of confirmed subscribers, and
 * owners' declared needs. Marker and content items expire by TTL after MARKER_TTL_DAYS, longer than the
 * send queue keeps a message (14 days), so a redelivered batch always finds its marker.
 */
export const MARKER_TTL_DAYS = 30;
const ttl = (nowMs: number) => Math.floor(nowMs / 1000) + MARKER_TTL_DAYS * 86_400;
type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const isConditionFailure = (error: unknown) =>
  (error as Error | undefined)?.name === 'ConditionalCheckFailedException';

/** A transaction item adding to a run's counters (`{ sent: 3 }` → `ADD sent :sent`). */
const addToRun = (runId: string, counts: Record<string, number>): TransactItem => ({
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

/** Creates the run of a week; false when it exists already (a second trigger of the same week). */
export async function createRun(run: RunRecord): Promise<boolean> {
  try {
    await ddb.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...digestRunKey(run.runId), ...digestRunIndexKey(run.runId), ...run },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
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

/** Published events starting in [fromUtc, toUtc], in start order (GSI1, the public listing). */
export async function upcomingEvents(fromUtc: string, toUtc: string, max: number): Promise<DigestEvent[]> {
  const range = eventStartRange(fromUtc, toUtc);
  return queryEvents({
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK BETWEEN :lower AND :upper',
    FilterExpression: '#status = :published',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':pk': publicEventsPartition(),
      ':lower': range.lower,
      ':upper': range.upper,
      ':published': 'published',
    },
    max,
  });
}

/** Events cancelled at or after `sinceUtc` that would still have started after `fromUtc` (GSI2). */
export async function cancelledSince(sinceUtc: string, fromUtc: string, max: number): Promise<DigestEvent[]> {
  return queryEvents({
    IndexName: 'GSI2',
    KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK >= :lower',
    FilterExpression: 'cancellation.#at >= :since',
    ExpressionAttributeNames: { '#at': 'at' },
    ExpressionAttributeValues: {
      ':pk': eventsByStatusPartition('cancelled'),
      ':lower': fromUtc,
      ':since': sinceUtc,
    },
    max,
  });
}

async function queryEvents(query: {
  IndexName: string;
  KeyConditionExpression: string;
  FilterExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
  max: number;
}): Promise<DigestEvent[]> {
  const { max, ...input } = query;
  const events: DigestEvent[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await ddb.send(
      new QueryCommand({ TableName: tableName, ...input, ExclusiveStartKey: startKey }),
    );
    events.push(...((page.Items ?? []) as EventRecord[]).map(toDigestEvent));
    startKey = page.LastEvaluatedKey;
  } while (startKey && events.length < max);
  return events.slice(0, max);
}

export async function saveSnapshot(runId: string, snapshot: DigestSnapshot, nowMs: number): Promise<void> {
  await ddb.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...digestEventsKey(runId), snapshot, expiresAt: ttl(nowMs) },
    }),
  );
}

export async function findSnapshot(runId: string): Promise<DigestSnapshot | undefined> {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName, Key: digestEventsKey(runId) }));
  return (Item as { snapshot?: DigestSnapshot } | undefined)?.snapshot;
}

/** A confirmed subscriber as the sharded index returns it (projection: the whole item). */
export interface DigestSubscriber {
  GSI1SK: string;
  email?: string;
  name?: string;
  language: Language;
  filters: Filters;
  status: SubscriberStatus;
  ownerSub?: string;
}

export async function subscribersOfShard(
  shard: number,
  cursor: Record<string, unknown> | undefined,
  limit: number,
): Promise<{ subscribers: DigestSubscriber[]; next?: Record<string, unknown> }> {
  const page = await ddb.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': digestShardPartition(shard) },
      ExclusiveStartKey: cursor,
      Limit: limit,
    }),
  );
  return {
    subscribers: (page.Items ?? []) as DigestSubscriber[],
    ...(page.LastEvaluatedKey ? { next: page.LastEvaluatedKey } : {}),
  };
}

/** BatchGetItem in chunks of 100, retrying unprocessed keys. */
async function batchGet(
  keys: TableKey[],
  projection: { expression: string; names: Record<string, string> },
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  for (let start = 0; start < keys.length; start += 100) {
    let pending: Record<string, unknown>[] | undefined = keys
      .slice(start, start + 100)
      .map((key) => ({ ...key }));
    for (let attempt = 0; pending && pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** Math.min(attempt, 6)));
      const result: BatchGetCommandOutput = await ddb.send(
        new BatchGetCommand({
          RequestItems: {
            [tableName]: {
              Keys: pending,
              ProjectionExpression: projection.expression,
              ...(Object.keys(projection.names).length > 0
                ? { ExpressionAttributeNames: projection.names }
                : {}),
            },
          },
        }),
      );
      items.push(...(result.Responses?.[tableName] ?? []));
      pending = result.UnprocessedKeys?.[tableName]?.Keys;
    }
  }
  return items;
}

const KNOWN_NEEDS = new Set<string>(NEEDS);

/**
 * The needs owners declared in their survey answers, by owner sub: the item `OWNER#<sub>` / `NEEDS` with
 * `needs: string[]`, written by the surveys feature. Owners without one are absent from the map.
 */
export async function declaredNeedsOf(ownerSubs: readonly string[]): Promise<Map<string, string[]>> {
  const unique = [...new Set(ownerSubs)];
  const items = await batchGet(
    unique.map((sub) => ownerNeedsKey(sub)),
    { expression: 'PK, needs', names: {} },
  );
  const bySub = new Map<string, string[]>();
  for (const item of items) {
    const sub = String(item.PK).slice('OWNER#'.length);
    const needs = Array.isArray(item.needs) ? item.needs.filter((need) => KNOWN_NEEDS.has(String(need))) : [];
    bySub.set(sub, needs as string[]);
  }
  return bySub;
}

/** Which of these subscribers are still confirmed (a digest is sent hours after it is planned). */
export async function stillConfirmed(subscriberIds: readonly string[]): Promise<Set<string>> {
  const items = await batchGet(
    subscriberIds.map((id) => subscriberKey(id)),
    { expression: 'PK, #status', names: { '#status': 'status' } },
  );
  return new Set(
    items
      .filter((item) => item.status === 'confirmed')
      .map((item) => String(item.PK).slice('SUBSCRIBER#'.length)),
  );
}

/** Where a shard's walk stands: the next page, its cursor, and recipients carried to fill a batch. */
export interface ShardCheckpoint {
  page: number;
  cursor?: Record<string, unknown>;
  carry: Partial<Record<Language, Recipient[]>>;
  done: boolean;
}

export interface Recipient {
  /** Subscriber id. */
  id: string;
  email: string;
  name?: string;
  /** Content id (what this recipient's mail says). */
  content: string;
}

export async function findCheckpoint(runId: string, shard: number): Promise<ShardCheckpoint> {
  const { Item } = await ddb.send(
    new GetCommand({ TableName: tableName, Key: digestShardKey(runId, shard), ConsistentRead: true }),
  );
  return (Item as ShardCheckpoint | undefined) ?? { page: 0, carry: {}, done: false };
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
      Item: { ...digestShardKey(runId, shard), ...next, page: page + 1, expiresAt: ttl(nowMs) },
      ConditionExpression: page === 0 ? 'attribute_not_exists(PK)' : 'page = :page',
      ...(page === 0 ? {} : { ExpressionAttributeValues: { ':page': page } }),
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

export async function allCheckpoints(runId: string): Promise<(ShardCheckpoint & { SK: string })[]> {
  const items: (ShardCheckpoint & { SK: string })[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await ddb.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: { ':pk': digestRunKey(runId).PK, ':prefix': DIGEST_SHARD_PREFIX },
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...((page.Items ?? []) as (ShardCheckpoint & { SK: string })[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

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

/** Stores rendered content once (a second writer of the same content id changes nothing). */
export async function saveContent(runId: string, contentId: string, content: RenderedContent, nowMs: number) {
  try {
    await ddb.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...digestContentKey(runId, contentId), ...content, expiresAt: ttl(nowMs) },
        ConditionExpression: 'attribute_not_exists(PK)',
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

/** A batch's marker: the recipients done with (sent, or refused for good) and whether it is finished. */
export interface BatchMarker {
  state: 'sending' | 'sent';
  done: Set<string>;
}

/**
 * Claims a batch for this delivery: creates its marker, or takes over one whose lease ran out (an
 * earlier delivery that stopped). Returns the marker, or `busy` while another delivery holds the lease.
 */
export async function claimBatch(
  runId: string,
  batchId: string,
  leaseMs: number,
  nowMs: number,
): Promise<BatchMarker | 'busy'> {
  try {
    const { Attributes } = await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: digestBatchKey(runId, batchId),
        UpdateExpression:
          'SET #state = if_not_exists(#state, :sending), leaseUntil = :lease, expiresAt = :ttl',
        ConditionExpression: 'attribute_not_exists(PK) OR #state = :sent OR leaseUntil < :now',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':sent': 'sent',
          ':lease': nowMs + leaseMs,
          ':now': nowMs,
          ':ttl': ttl(nowMs),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    const marker = Attributes as { state: BatchMarker['state']; done?: Set<string> };
    return { state: marker.state, done: marker.done ?? new Set() };
  } catch (error) {
    if (isConditionFailure(error)) return 'busy';
    throw error;
  }
}

/**
 * Records recipients done with in one attempt and adds to the run's counters in the same transaction,
 * so counters match the markers. `finished` closes the batch (and counts it done for the run).
 */
export async function recordAttempt(
  runId: string,
  batchId: string,
  outcome: { done: string[]; sent: number; failed: number; skipped: number; finished: boolean },
): Promise<void> {
  const marker: TransactItem = {
    Update: {
      TableName: tableName,
      Key: digestBatchKey(runId, batchId),
      UpdateExpression: [
        // A lease of 0 lets the next delivery take the batch over at once.
        outcome.finished ? 'SET #state = :sent REMOVE leaseUntil' : 'SET leaseUntil = :free',
        outcome.done.length > 0 ? 'ADD done :done' : '',
      ].join(' '),
      ConditionExpression: '#state = :sending',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: {
        ':sending': 'sending',
        ...(outcome.finished ? { ':sent': 'sent' } : { ':free': 0 }),
        ...(outcome.done.length > 0 ? { ':done': new Set(outcome.done) } : {}),
      },
    },
  };
  const counters = addToRun(runId, {
    sent: outcome.sent,
    failed: outcome.failed,
    skipped: outcome.skipped,
    ...(outcome.finished ? { batchesDone: 1 } : {}),
  });
  await transactWrite([marker, counters]);
}

/**
 * Stops mail to a subscriber SES reported as undeliverable or complaining: status `suppressed`, out of
 * the digest index. The run the mail came from counts it. False when the subscriber was not active.
 */
export async function suppressSubscriber(
  subscriberId: string,
  reason: string,
  runId: string | undefined,
  nowMs: number,
): Promise<boolean> {
  const suppress: TransactItem = {
    Update: {
      TableName: tableName,
      Key: subscriberKey(subscriberId),
      UpdateExpression:
        'SET #status = :suppressed, suppressedAt = :now, suppressedReason = :reason REMOVE GSI1PK, GSI1SK',
      ConditionExpression: '#status IN (:confirmed, :pending)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':suppressed': 'suppressed',
        ':now': new Date(nowMs).toISOString(),
        ':reason': reason,
        ':confirmed': 'confirmed',
        ':pending': 'pending',
      },
    },
  };
  const counted: TransactItem[] = runId
    ? [
        {
          Update: {
            TableName: tableName,
            Key: digestRunKey(runId),
            UpdateExpression: 'ADD suppressed :one',
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeValues: { ':one': 1 },
          },
        },
      ]
    : [];
  try {
    await transactWrite([suppress, ...counted]);
    return true;
  } catch (error) {
    if (error instanceof TransactionCancelled && error.failedAt(0)) return false;
    if (error instanceof TransactionCancelled && error.failedAt(1))
      return suppressSubscriber(subscriberId, reason, undefined, nowMs);
    throw error;
  }
}

/** Counts a soft bounce; returns the count so far (0 when the subscriber is gone or not active). */
export async function countSoftBounce(subscriberId: string, nowMs: number): Promise<number> {
  try {
    const { Attributes } = await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: subscriberKey(subscriberId),
        UpdateExpression: 'SET lastSoftBounceAt = :now ADD softBounces :one',
        ConditionExpression: '#status IN (:confirmed, :pending)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':now': new Date(nowMs).toISOString(),
          ':one': 1,
          ':confirmed': 'confirmed',
          ':pending': 'pending',
        },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number((Attributes as { softBounces?: number } | undefined)?.softBounces ?? 0);
  } catch (error) {
    if (isConditionFailure(error)) return 0;
    throw error;
  }
}
