import { setTimeout as sleep } from 'node:timers/promises';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  TransactWriteCommand,
  paginateQuery,
  paginatedBatchGet,
  type QueryCommandInput,
  type QueryCommandOutput,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor, type CursorKey } from './cursor.ts';
import { ddb, tableName } from './db.ts';
import { TABLE, type IndexName } from './table.ts';
import type { TableKey } from './keys.ts';

/*
 * The DynamoDB mechanics every store shares: paging, batch reads, recognising failed conditions and
 * cancelled transactions, mapping items to records, and the conditions and expiry stores write with.
 * Stores own their items; this module owns how any item is read and written.
 */

export type Item = Record<string, unknown>;
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
export type Query = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey' | 'Limit'>;

// ---------------------------------------------------------------------------------------------------
// Items and records

/** Attributes the table keys items by: never part of a record. `entity` tags an item's type for people. */
const KEY_ATTRIBUTES = [
  TABLE.partitionKey,
  TABLE.sortKey,
  ...TABLE.indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  'entity',
];

/** The record an item stores: the item without the table's key attributes. */
export function recordOf<T>(item: Item): T {
  const record = { ...item };
  for (const name of KEY_ATTRIBUTES) delete record[name];
  return record as T;
}

// ---------------------------------------------------------------------------------------------------
// Reads

/**
 * The pages of a Query from `startKey` on, `pageSize` items read per page; the caller stops when it has
 * enough (the SDK's paginator asks for the next page only when iterated on).
 */
export function queryPages(
  query: Query,
  options: { startKey?: Item | undefined; pageSize?: number } = {},
): AsyncIterable<QueryCommandOutput> {
  return paginateQuery(
    {
      client: ddb,
      ...(options.startKey ? { startingToken: options.startKey } : {}),
      ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    },
    { TableName: tableName, ...query },
  );
}

/** Every item of a Query whose size is bounded by design (or the first `max`). */
export async function queryAll(query: Query, max = Infinity): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of queryPages(query)) {
    items.push(...(page.Items ?? []));
    if (items.length >= max) return items.slice(0, max);
  }
  return items;
}

/** One Query page of at most `limit` items from `startKey`, with the key to continue from. */
export async function queryPage(
  query: Query,
  limit: number,
  startKey?: Item,
): Promise<{ items: Item[]; lastKey?: Item }> {
  for await (const page of queryPages(query, { startKey, pageSize: limit })) {
    return { items: page.Items ?? [], ...(page.LastEvaluatedKey ? { lastKey: page.LastEvaluatedKey } : {}) };
  }
  return { items: [] };
}

/**
 * One page of an index partition for an API list: at most `limit` items after the caller's cursor; `query`
 * adds a filter, an order or more values. The cursor is bound to the index, the partition and `query`
 * (filters and order), so it only continues the list it came from (400 otherwise); `valid` checks that a
 * cursor's table key fits its index key (an item of this list could have it).
 */
export async function indexPage(
  index: IndexName,
  partition: string,
  page: { limit: number; cursor?: string | undefined },
  query: Partial<Query> = {},
  valid?: (key: CursorKey) => boolean,
): Promise<{ items: Item[]; cursor?: string }> {
  const scope = { list: `${index}:${partition}`, query };
  const startKey = decodeCursor(page.cursor, scope, {
    attributes: [TABLE.partitionKey, TABLE.sortKey, `${index}PK`, `${index}SK`],
    partition: [`${index}PK`, partition],
    ...(valid ? { valid } : {}),
  });
  const { items, lastKey } = await queryPage(
    {
      IndexName: index,
      KeyConditionExpression: `${index}PK = :partition`,
      ...query,
      ExpressionAttributeValues: { ':partition': partition, ...query.ExpressionAttributeValues },
    },
    page.limit,
    startKey,
  );
  return { items, ...(lastKey ? { cursor: encodeCursor(scope, lastKey as CursorKey) } : {}) };
}

const BATCH_GET_MAX = 100;

/**
 * BatchGetItem for any number of keys: chunks of 100, unprocessed keys asked for again with exponential
 * backoff (DynamoDB returns them when it throttles, so asking at once would only be refused again).
 */
export async function batchGet(
  keys: readonly TableKey[],
  projection?: { expression: string; names?: Record<string, string> },
): Promise<Item[]> {
  const items: Item[] = [];
  for (let start = 0; start < keys.length; start += BATCH_GET_MAX) {
    const pages = paginatedBatchGet(
      { client: ddb },
      {
        RequestItems: {
          [tableName]: {
            Keys: keys.slice(start, start + BATCH_GET_MAX).map((key) => ({ ...key })),
            ...(projection ? { ProjectionExpression: projection.expression } : {}),
            ...(projection?.names ? { ExpressionAttributeNames: projection.names } : {}),
          },
        },
      },
    );
    let retries = 0;
    for await (const page of pages) {
      items.push(...(page.Responses?.[tableName] ?? []));
      if (page.UnprocessedKeys?.[tableName]?.Keys?.length)
        await sleep(50 * 2 ** Math.min(++retries, 6) * (0.5 + Math.random() / 2));
    }
  }
  return items;
}

// ---------------------------------------------------------------------------------------------------
// Conditions and failures

/** A write's condition failed. The SDK deserialises the error into this class, so `instanceof` holds. */
export const isConditionFailure = (error: unknown): error is ConditionalCheckFailedException =>
  error instanceof ConditionalCheckFailedException;

/** The condition that the item does not exist yet (a create). */
export const absent = () => ({ ConditionExpression: `attribute_not_exists(${TABLE.partitionKey})` });

/** The condition that the item exists. */
export const present = () => `attribute_exists(${TABLE.partitionKey})`;

/** The condition that the stored `attribute` (a version or revision counter) is still `value`. */
export const versionIs = (attribute: string, value: number) => ({
  ConditionExpression: '#version = :version',
  ExpressionAttributeNames: { '#version': attribute },
  ExpressionAttributeValues: { ':version': value },
});

/** The TTL attribute's value for an item that may go `seconds` after `nowMs`. */
export const expiresAfter = (nowMs: number, seconds: number) => ({
  [TABLE.ttlAttribute]: Math.floor(nowMs / 1000) + seconds,
});

// ---------------------------------------------------------------------------------------------------
// Transactions

/** A transaction DynamoDB cancelled, with the reason code of each item (`ConditionalCheckFailed`, `None`…). */
export class TransactionCancelled extends Error {
  constructor(readonly reasons: (string | undefined)[]) {
    super('transaction cancelled');
    this.name = 'TransactionCancelled';
  }

  /** True when the item at `index` failed its condition. */
  failedAt(index: number): boolean {
    return this.reasons[index] === 'ConditionalCheckFailed';
  }
}

const ATTEMPTS = 4;

/**
 * One TransactWriteItems call, all or nothing. A cancellation caused only by a concurrent transaction on
 * the same items (a counter two registrations share) is retried with jitter; a failed condition is the
 * caller's to interpret; throttling surfaces as such (503 to the caller).
 */
export async function transactWrite(items: TransactItem[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await ddb.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = (error.CancellationReasons ?? []).map((reason) => reason.Code);
      if (reasons.some((code) => code === 'ConditionalCheckFailed')) throw new TransactionCancelled(reasons);
      const busy = reasons.some(
        (code) => code === 'ThrottlingError' || code === 'ProvisionedThroughputExceeded',
      );
      const conflict = reasons.some((code) => code === 'TransactionConflict');
      if (busy || !conflict || attempt >= ATTEMPTS) {
        throw Object.assign(new Error('transaction could not complete'), {
          name: busy || conflict ? 'TransactionConflictException' : 'TransactionCancelled',
        });
      }
      await sleep(10 * 2 ** attempt + Math.random() * 40);
    }
  }
}
