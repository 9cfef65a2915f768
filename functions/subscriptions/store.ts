import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  TransactionCancelled,
  batchGet,
  expiresAfter,
  isConditionFailure,
  queryPage,
  recordOf,
  transactWrite,
  type Item,
  type TransactItem,
} from '../shared/dynamo.ts';
import { newId } from '../shared/ids.ts';
import { ddb, tableName } from '../shared/db.ts';
import {
  digestIndexKey,
  digestShardPartition,
  outboxKey,
  requestMarkerKey,
  subscriberIdOfItem,
  subscriberKey,
} from '../shared/keys.ts';
import type { OutboxMail, Preferences, SubscriberRecord } from './model.ts';

/**
 * The subscribers store. One item per address (`SUBSCRIBER#<hmac(email)>` / `SUBSCRIBER`), so an address
 * is stored once; a confirmation mail is queued as an outbox item in the same transaction that records
 * the request, and the mailer sends it from the table's stream.
 */

/** At most this many confirmation mails per address per rolling day. */
export const MAILS_PER_DAY = 3;
const DAY_SECONDS = 24 * 3600;
/** Unconfirmed subscriptions and sent outbox items are deleted by TTL. */
const PENDING_TTL_SECONDS = 3 * DAY_SECONDS;
const OUTBOX_TTL_SECONDS = 7 * DAY_SECONDS;
const UNSUBSCRIBED_TTL_SECONDS = 30 * DAY_SECONDS;

/** A confirmed subscriber joins the digest's sharded index (removed again on unsubscribe or suppression). */
const digestIndexValues = (subscriberId: string) => {
  const { GSI1PK, GSI1SK } = digestIndexKey(subscriberId);
  return { ':digestShard': GSI1PK, ':digestId': GSI1SK };
};

/** What a subscription request does to an address in its current state. */
type RequestOutcome = 'first' | 'again' | 'refused';

interface RequestState {
  status?: SubscriberRecord['status'];
  mailWindowStart?: string;
  mailCount?: number;
}

/**
 * The rules, in code for choosing and as conditions for writing (so that a change in between fails the
 * write instead of bending the rules): a confirmed or suppressed address gets no mail and keeps its state
 * (a suppressed one until an operator releases it); otherwise at most MAILS_PER_DAY mails per rolling day.
 */
function outcomeOf(current: RequestState | undefined, dayAgo: string): RequestOutcome {
  if (!current) return 'first';
  if (current.status === 'confirmed' || current.status === 'suppressed') return 'refused';
  if (current.mailWindowStart === undefined || current.mailWindowStart < dayAgo) return 'first';
  return (current.mailCount ?? 0) < MAILS_PER_DAY ? 'again' : 'refused';
}

const MAY_MAIL = 'NOT (#status IN (:confirmed, :suppressed))';
const CONDITIONS: Record<RequestOutcome, string> = {
  first: `attribute_not_exists(PK) OR (${MAY_MAIL} AND (attribute_not_exists(mailWindowStart) OR mailWindowStart < :dayAgo))`,
  again: `${MAY_MAIL} AND mailWindowStart >= :dayAgo AND mailCount < :max`,
  refused: `#status IN (:confirmed, :suppressed) OR (mailWindowStart >= :dayAgo AND mailCount >= :max)`,
};

/**
 * Records a subscription request and queues a confirmation mail, unless the address is confirmed or
 * suppressed already or had its 3 mails in the last 24 hours. Returns whether a mail was queued.
 *
 * Every request does the same DynamoDB work whatever the address's state, so that the answer's timing
 * does not tell a stranger whether an address is subscribed: one consistent GetItem, then one transaction
 * of an Update of the subscriber and a Put (the outbox mail, or when refused a request marker that
 * expires). Only a concurrent change of the same subscriber between the two makes it read again.
 */
export async function requestSubscription(
  subscriberId: string,
  email: string,
  preferences: Preferences,
  nowMs = Date.now(),
): Promise<boolean> {
  const now = new Date(nowMs).toISOString();
  const dayAgo = new Date(nowMs - DAY_SECONDS * 1000).toISOString();
  const mail: OutboxMail = {
    kind: 'confirm',
    subscriberId,
    email,
    ...(preferences.name ? { name: preferences.name } : {}),
    language: preferences.language,
    createdAt: now,
  };
  const fields =
    'SET email = :email, #language = :language, filters = :filters, #status = :pending, ' +
    'updatedAt = :now, createdAt = if_not_exists(createdAt, :now), expiresAt = :expires, lastRequestAt = :now';
  const name = preferences.name ? ', #name = :name' : ' REMOVE #name';
  const updates: Record<RequestOutcome, string> = {
    first: `${fields}, mailWindowStart = :now, mailCount = :one${name}`,
    again: `${fields}, mailCount = mailCount + :one${name}`,
    // Nothing about the address changes: its preferences stay those it confirmed.
    refused: 'SET lastRequestAt = :now',
  };
  const values = {
    ':email': email,
    ':language': preferences.language,
    ':filters': preferences.filters,
    ':pending': 'pending',
    ':now': now,
    ':expires': expiresAfter(nowMs, PENDING_TTL_SECONDS).expiresAt,
    ':one': 1,
    ...(preferences.name ? { ':name': preferences.name } : {}),
  };
  const conditionValues = {
    ':confirmed': 'confirmed',
    ':suppressed': 'suppressed',
    ':dayAgo': dayAgo,
    ':max': MAILS_PER_DAY,
  };
  for (let attempt = 1; ; attempt++) {
    const { Item } = await ddb.send(
      new GetCommand({
        TableName: tableName,
        Key: subscriberKey(subscriberId),
        ProjectionExpression: '#status, mailWindowStart, mailCount',
        ExpressionAttributeNames: { '#status': 'status' },
        ConsistentRead: true,
      }),
    );
    const outcome = outcomeOf(Item as RequestState | undefined, dayAgo);
    const update = updates[outcome];
    const used = (placeholder: string) => update.includes(placeholder);
    const marker =
      outcome === 'refused'
        ? { ...requestMarkerKey(subscriberId), requestedAt: now, ...expiresAfter(nowMs, DAY_SECONDS) }
        : { ...outboxKey(subscriberId, newId(nowMs)), ...mail, ...expiresAfter(nowMs, OUTBOX_TTL_SECONDS) };
    try {
      await transactWrite([
        {
          Update: {
            TableName: tableName,
            Key: subscriberKey(subscriberId),
            UpdateExpression: update,
            ConditionExpression: CONDITIONS[outcome],
            ExpressionAttributeNames: {
              '#status': 'status',
              ...(used('#language') ? { '#language': 'language' } : {}),
              ...(used('#name') ? { '#name': 'name' } : {}),
            },
            ExpressionAttributeValues: {
              ...Object.fromEntries(Object.entries(values).filter(([key]) => used(key))),
              ...Object.fromEntries(
                Object.entries(conditionValues).filter(([key]) => CONDITIONS[outcome].includes(key)),
              ),
            },
          },
        },
        { Put: { TableName: tableName, Item: marker } },
      ]);
      return outcome !== 'refused';
    } catch (error) {
      if (!(error instanceof TransactionCancelled && error.failedAt(0)) || attempt >= 3) throw error;
    }
  }
}

export async function findSubscriber(subscriberId: string): Promise<SubscriberRecord | undefined> {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName, Key: subscriberKey(subscriberId) }));
  return Item ? recordOf<SubscriberRecord>(Item) : undefined;
}

/**
 * Confirms a pending (or already confirmed: idempotent) subscription and stops its expiry. False when
 * there is nothing to confirm any more (expired by TTL, or unsubscribed since).
 */
export async function confirmSubscriber(subscriberId: string, nowMs = Date.now()): Promise<boolean> {
  const now = new Date(nowMs).toISOString();
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: subscriberKey(subscriberId),
        UpdateExpression:
          'SET #status = :confirmed, confirmedAt = if_not_exists(confirmedAt, :now), updatedAt = :now, ' +
          'GSI1PK = :digestShard, GSI1SK = :digestId REMOVE expiresAt',
        ConditionExpression: '#status IN (:pending, :confirmed)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':confirmed': 'confirmed',
          ':pending': 'pending',
          ':now': now,
          ...digestIndexValues(subscriberId),
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** New filters, language and name for a subscriber that has not unsubscribed; undefined otherwise. */
export async function savePreferences(
  subscriberId: string,
  preferences: Preferences,
  nowMs = Date.now(),
): Promise<SubscriberRecord | undefined> {
  try {
    const { Attributes } = await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: subscriberKey(subscriberId),
        UpdateExpression: `SET #language = :language, filters = :filters, updatedAt = :now${
          preferences.name ? ', #name = :name' : ''
        }`,
        ConditionExpression: '#status IN (:pending, :confirmed)',
        ExpressionAttributeNames: {
          '#language': 'language',
          '#status': 'status',
          ...(preferences.name ? { '#name': 'name' } : {}),
        },
        ExpressionAttributeValues: {
          ':language': preferences.language,
          ':filters': preferences.filters,
          ':now': new Date(nowMs).toISOString(),
          ':pending': 'pending',
          ':confirmed': 'confirmed',
          ...(preferences.name ? { ':name': preferences.name } : {}),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes as SubscriberRecord;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

/**
 * Unsubscribes at once and forgets the address and name (UU PDP: keep no more than needed); the rest
 * expires with TTL. Idempotent: unknown or already unsubscribed subscribers are left as they are, and a
 * suppressed one stays suppressed (an unsubscribe must not become a way around the suppression).
 */
export async function unsubscribeSubscriber(subscriberId: string, nowMs = Date.now()): Promise<void> {
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: subscriberKey(subscriberId),
        UpdateExpression:
          'SET #status = :unsubscribed, updatedAt = :now, expiresAt = :expires ' +
          'REMOVE email, #name, ownerSub, GSI1PK, GSI1SK',
        ConditionExpression: 'attribute_exists(PK) AND #status IN (:pending, :confirmed)',
        ExpressionAttributeNames: { '#status': 'status', '#name': 'name' },
        ExpressionAttributeValues: {
          ':unsubscribed': 'unsubscribed',
          ':pending': 'pending',
          ':confirmed': 'confirmed',
          ':now': new Date(nowMs).toISOString(),
          ':expires': expiresAfter(nowMs, UNSUBSCRIBED_TTL_SECONDS).expiresAt,
        },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/**
 * A signed-in owner's subscription: Cognito verified the address, so it is confirmed at once (no opt-in
 * mail). Any pending expiry is cleared. A suppressed address stays suppressed (its record is returned as
 * it is): a verified sign-in does not make a bouncing or complaining mailbox want mail.
 */
export async function saveConfirmed(
  subscriberId: string,
  email: string,
  preferences: Preferences,
  ownerSub: string,
  nowMs = Date.now(),
): Promise<SubscriberRecord> {
  const now = new Date(nowMs).toISOString();
  const { Attributes } = await ddb
    .send(
      new UpdateCommand({
        TableName: tableName,
        Key: subscriberKey(subscriberId),
        UpdateExpression:
          'SET email = :email, #language = :language, filters = :filters, #status = :confirmed, ' +
          'updatedAt = :now, createdAt = if_not_exists(createdAt, :now), ' +
          'confirmedAt = if_not_exists(confirmedAt, :now), ownerSub = :ownerSub, ' +
          'GSI1PK = :digestShard, GSI1SK = :digestId REMOVE expiresAt',
        ExpressionAttributeNames: { '#language': 'language', '#status': 'status' },
        ExpressionAttributeValues: {
          ':email': email,
          ':ownerSub': ownerSub,
          ...digestIndexValues(subscriberId),
          ':language': preferences.language,
          ':filters': preferences.filters,
          ':confirmed': 'confirmed',
          ':suppressed': 'suppressed',
          ':now': now,
        },
        ConditionExpression: 'attribute_not_exists(PK) OR #status <> :suppressed',
        ReturnValues: 'ALL_NEW',
      }),
    )
    .catch(async (error: unknown) => {
      if (!isConditionFailure(error)) throw error;
      return { Attributes: await findSubscriber(subscriberId) };
    });
  return Attributes as SubscriberRecord;
}

// ---------------------------------------------------------------------------------------------------
// The weekly digest's reads and SES feedback

/** A confirmed subscriber as the digest's sharded index returns it. */
export type DigestSubscriber = SubscriberRecord & { id: string };

/** One page of a shard of the digest's index of confirmed subscribers (the planner walks it, off-request). */
export async function subscribersOfShard(
  shard: number,
  cursor: Item | undefined,
  limit: number,
): Promise<{ subscribers: DigestSubscriber[]; next?: Item }> {
  const { items, lastKey } = await queryPage(
    {
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk',
      ExpressionAttributeValues: { ':pk': digestShardPartition(shard) },
    },
    limit,
    cursor,
  );
  return {
    subscribers: items.map((item) => ({
      ...recordOf<SubscriberRecord>(item),
      id: subscriberIdOfItem(item as { PK: unknown }),
    })),
    ...(lastKey ? { next: lastKey } : {}),
  };
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
      .map((item) => subscriberIdOfItem(item as { PK: unknown })),
  );
}

/**
 * Stops mail to a subscriber SES reported as undeliverable or complaining: status `suppressed`, out of
 * the digest index. `counted` (the digest run's counter) is written in the same transaction, and left
 * out when its own condition fails, as the suppression matters more than the count. False when the
 * subscriber was not active.
 */
export async function suppressSubscriber(
  subscriberId: string,
  reason: string,
  nowMs: number,
  counted?: TransactItem,
): Promise<boolean> {
  const suppress: TransactItem = {
    Update: {
      TableName: tableName,
      Key: subscriberKey(subscriberId),
      UpdateExpression:
        // No expiry: a suppression lasts until an operator releases it (a pending one had a TTL).
        'SET #status = :suppressed, suppressedAt = :now, suppressedReason = :reason ' +
        'REMOVE GSI1PK, GSI1SK, expiresAt',
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
  try {
    await transactWrite([suppress, ...(counted ? [counted] : [])]);
    return true;
  } catch (error) {
    if (error instanceof TransactionCancelled && error.failedAt(0)) return false;
    if (error instanceof TransactionCancelled && error.failedAt(1))
      return suppressSubscriber(subscriberId, reason, nowMs);
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

/**
 * An operator's deliberate release of a suppressed address (`npm run release-suppression`): the
 * subscriber becomes `unsubscribed`, its address and name forgotten and the record left to expire, so
 * that a new request starts over with a confirmation mail. False when the address was not suppressed.
 */
export async function releaseSuppression(subscriberId: string, nowMs = Date.now()): Promise<boolean> {
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: subscriberKey(subscriberId),
        UpdateExpression:
          'SET #status = :unsubscribed, updatedAt = :now, releasedAt = :now, expiresAt = :expires ' +
          'REMOVE email, #name, ownerSub, mailWindowStart, mailCount, softBounces, lastSoftBounceAt',
        ConditionExpression: '#status = :suppressed',
        ExpressionAttributeNames: { '#status': 'status', '#name': 'name' },
        ExpressionAttributeValues: {
          ':unsubscribed': 'unsubscribed',
          ':suppressed': 'suppressed',
          ':now': new Date(nowMs).toISOString(),
          ':expires': expiresAfter(nowMs, UNSUBSCRIBED_TTL_SECONDS).expiresAt,
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
