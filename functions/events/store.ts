import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor } from '../shared/cursor.ts';
import { ddb, tableName } from '../shared/db.ts';
import { absent, isConditionFailure, queryAll, queryPages, recordOf } from '../shared/dynamo.ts';
import {
  eventKey,
  eventPosition,
  eventStartRange,
  eventsByStatusPartition,
  publicEventsPartition,
  type EventStatus,
} from '../shared/keys.ts';
import { conflict, notFound, preconditionFailed } from '../shared/problem.ts';
import { itemOf, toView, type EventRecord } from './model.ts';
import { MAX_EVENT_MS, toUtc } from './times.ts';
import { ULID } from '../shared/ids.ts';
import type { EventView } from './schemas.ts';

/**
 * The events store. One item per event (`EVENT#<id>` / `EVENT`); published and cancelled events carry
 * GSI1 keys (the public listing), every event carries GSI2 keys (operators' lists by status). Both sort
 * by `<start in UTC>#<id>`. Every write is conditional on the version read (optimistic concurrency).
 */

export async function insertEvent(record: EventRecord): Promise<void> {
  await ddb.send(
    new PutCommand({
      TableName: tableName,
      Item: itemOf(record),
      ...absent(),
    }),
  );
}

export async function findEvent(id: string): Promise<EventRecord | undefined> {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName, Key: eventKey(id) }));
  return Item ? recordOf<EventRecord>(Item) : undefined;
}

export async function requireEvent(id: string): Promise<EventRecord> {
  const record = await findEvent(id);
  if (!record) throw notFound('No such event.');
  return record;
}

/**
 * Writes the next version of an event, provided the stored one is still `expected` (same version, same
 * status). A lost race answers what a fresh read would: 404 gone, 409 state changed, 412 edited since.
 */
export async function replaceEvent(next: EventRecord, expected: EventRecord): Promise<void> {
  try {
    await ddb.send(
      new PutCommand({
        TableName: tableName,
        Item: itemOf(next),
        ConditionExpression: '#version = :version AND #status = :status',
        ExpressionAttributeNames: { '#version': 'version', '#status': 'status' },
        ExpressionAttributeValues: { ':version': expected.version, ':status': expected.status },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    // The DocumentClient leaves the old item of a failed condition in attribute-value form.
    if (!error.Item) throw notFound('No such event.');
    const status = error.Item.status?.S;
    if (status !== expected.status) throw conflict(`The event is ${String(status)} now.`);
    throw preconditionFailed();
  }
}

export async function deleteDraft(id: string): Promise<void> {
  try {
    await ddb.send(
      new DeleteCommand({
        TableName: tableName,
        Key: eventKey(id),
        ConditionExpression: '#status = :draft',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':draft': 'draft' },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    if (!error.Item) throw notFound('No such event.');
    throw conflict('Only a draft may be deleted; cancel a published event instead.');
  }
}

export interface EventListQuery {
  /** `public`: published and cancelled events (GSI1); otherwise operators' list of one status (GSI2). */
  list: 'public' | EventStatus;
  /** Events still running at or after this instant (ISO); none: from the beginning. */
  from?: string;
  /**
   * `from` is the time of the request (a list of what is still to come): cursors stay bound to "now",
   * not to the instant, so the next page, asked for a moment later, continues the same list.
   */
  fromIsNow?: boolean;
  /** Events starting at or before this instant (ISO). */
  to?: string;
  type?: string;
  kecamatan?: string;
  need?: string;
  limit: number;
  cursor?: string;
}

/** Items read per Query, and Queries per page: a page costs at most 5 bounded reads, filtered or not. */
const READ_BATCH = 100;
const MAX_READS = 5;
const POSITION = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z#[0-9A-HJKMNP-TV-Z]{26}$/;

const isPosition = (position: string) => POSITION.test(position) && ULID.test(eventPosition(position).id);

/**
 * One page of events in start order, from an index (no Scan). Filters apply to at most
 * `READ_BATCH * MAX_READS` items per page; a page may then come back short with a cursor to go on.
 */
export async function listEvents(query: EventListQuery): Promise<{ events: EventView[]; cursor?: string }> {
  const isPublic = query.list === 'public';
  const index = isPublic
    ? { name: 'GSI1', pk: 'GSI1PK', sk: 'GSI1SK', partition: publicEventsPartition() }
    : {
        name: 'GSI2',
        pk: 'GSI2PK',
        sk: 'GSI2SK',
        partition: eventsByStatusPartition(query.list as EventStatus),
      };
  // An event that began up to MAX_EVENT_DAYS before `from` may still be running at `from`.
  const fromUtc = query.from === undefined ? undefined : toUtc(query.from);
  const lowerUtc = fromUtc === undefined ? '0' : new Date(Date.parse(fromUtc) - MAX_EVENT_MS).toISOString();
  const range = eventStartRange(lowerUtc, query.to === undefined ? undefined : toUtc(query.to));

  // A cursor continues only the list and filters it came from, from a position inside their range.
  const { to, type, kecamatan, need } = query;
  const from = query.fromIsNow ? 'now' : query.from;
  const scope = { list: `events:${index.partition}`, query: { from, to, type, kecamatan, need } };
  const after = decodeCursor(query.cursor, scope, {
    attributes: [index.sk],
    sort: { attribute: index.sk, ...range },
    valid: (key) => isPosition(key[index.sk] ?? ''),
  })?.[index.sk];

  const names: Record<string, string> = { '#pk': index.pk, '#sk': index.sk };
  const values: Record<string, unknown> = {
    ':pk': index.partition,
    ':lower': range.lower,
    ':upper': range.upper,
  };
  const filters: string[] = [];
  if (fromUtc !== undefined) {
    filters.push('#endUtc >= :from');
    names['#endUtc'] = 'endUtc';
    values[':from'] = fromUtc;
  }
  if (query.type !== undefined) {
    filters.push('#type = :type');
    names['#type'] = 'type';
    values[':type'] = query.type;
  }
  if (query.kecamatan !== undefined) {
    filters.push('#venue.#kecamatan = :kecamatan');
    names['#venue'] = 'venue';
    names['#kecamatan'] = 'kecamatan';
    values[':kecamatan'] = query.kecamatan;
  }
  if (query.need !== undefined) {
    filters.push('contains(#needs, :need)');
    names['#needs'] = 'needs';
    values[':need'] = query.need;
  }

  const keyOf = (position: string) => {
    const { id } = eventPosition(position);
    return { ...eventKey(id), [index.pk]: index.partition, [index.sk]: position };
  };
  const startKey = after === undefined ? undefined : keyOf(after);
  const records: EventRecord[] = [];
  let next: unknown;
  let read = 0;
  const pages = queryPages(
    {
      IndexName: index.name,
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :lower AND :upper',
      ...(filters.length > 0 ? { FilterExpression: filters.join(' AND ') } : {}),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
    { startKey, pageSize: READ_BATCH },
  );
  for await (const page of pages) {
    read++;
    const items = page.Items ?? [];
    const room = query.limit - records.length;
    records.push(...items.slice(0, room).map((item) => recordOf<EventRecord>(item)));
    if (records.length === query.limit) {
      const more = items.length > room || page.LastEvaluatedKey !== undefined;
      next = more ? items[room - 1]?.[index.sk] : undefined;
      break;
    }
    if (page.LastEvaluatedKey && read === MAX_READS) {
      next = page.LastEvaluatedKey[index.sk];
      break;
    }
  }
  return {
    events: records.map(toView),
    ...(typeof next === 'string' ? { cursor: encodeCursor(scope, { [index.sk]: next }) } : {}),
  };
}

/** Published events starting in [fromUtc, toUtc], in start order (the public listing), at most `max`. */
export async function publishedEventsStarting(
  fromUtc: string,
  toUtc: string,
  max: number,
): Promise<EventRecord[]> {
  const range = eventStartRange(fromUtc, toUtc);
  const items = await queryAll(
    {
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
    },
    max,
  );
  return items.map((item) => recordOf<EventRecord>(item));
}

/** Events cancelled at or after `sinceUtc` that would still have started after `fromUtc`, at most `max`. */
export async function eventsCancelledSince(
  sinceUtc: string,
  fromUtc: string,
  max: number,
): Promise<EventRecord[]> {
  const items = await queryAll(
    {
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :pk AND GSI2SK >= :lower',
      FilterExpression: 'cancellation.#at >= :since',
      ExpressionAttributeNames: { '#at': 'at' },
      ExpressionAttributeValues: {
        ':pk': eventsByStatusPartition('cancelled'),
        ':lower': fromUtc,
        ':since': sinceUtc,
      },
    },
    max,
  );
  return items.map((item) => recordOf<EventRecord>(item));
}
