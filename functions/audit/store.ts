import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import { ddb, tableName } from '../shared/db.ts';
import { expiresAfter, queryPage, recordOf, type TransactItem } from '../shared/dynamo.ts';
import { newId } from '../shared/ids.ts';
import { inOrder } from '../shared/in-order.ts';
import { AUDIT_PREFIX, personalDataAccessKey, personalDataAccessPartition } from '../shared/keys.ts';

/** How long a record of access to someone's personal data is kept (UU PDP: processing is logged). */
const RETENTION_SECONDS = 2 * 365 * 24 * 3600;

/** The most recent records an owner's data export shows. */
const EXPORT_LIMIT = 500;

export interface PersonalDataAccess {
  at: string;
  /** The operator's account id. */
  by: string;
  /** `read`: the record was shown; `update`, `verify`: it was changed, and the answer showed it. */
  action: 'read' | 'update' | 'verify';
  /** What was read. */
  record: { kind: 'business'; id: string };
}

/**
 * Records that an operator read a person's data, under that person, before the data is handed out: a
 * failure to record it fails the read.
 */
export async function recordPersonalDataAccess(
  subjectSub: string,
  access: PersonalDataAccess,
): Promise<void> {
  await ddb.send(new PutCommand(accessRecord(subjectSub, access)));
}

function accessRecord(subjectSub: string, access: PersonalDataAccess) {
  const id = newId(Date.parse(access.at));
  return {
    TableName: tableName,
    Item: {
      ...personalDataAccessKey(subjectSub, id),
      ...access,
      ...expiresAfter(Date.parse(access.at), RETENTION_SECONDS),
    },
  };
}

/**
 * The record of an access as an item of the transaction that makes the change an operator's answer
 * shows: the change and its record are written together or not at all.
 */
export const personalDataAccessItem = (subjectSub: string, access: PersonalDataAccess): TransactItem => ({
  Put: accessRecord(subjectSub, access),
});

/** The records of who read the caller's data, newest first (one Query page). */
export async function personalDataAccessOf(subjectSub: string): Promise<PersonalDataAccess[]> {
  const { items } = await queryPage(
    {
      KeyConditionExpression: 'PK = :subject AND begins_with(SK, :audit)',
      ExpressionAttributeValues: {
        ':subject': personalDataAccessPartition(subjectSub),
        ':audit': AUDIT_PREFIX,
      },
      ScanIndexForward: false,
    },
    EXPORT_LIMIT,
  );
  return items.map((item) => {
    const { at, by, action, record } = recordOf<PersonalDataAccess>(item);
    return { at, by, action, record };
  });
}

const BATCH_WRITE_MAX = 25;
/** BatchWriteItem requests in flight at once (an export page of 1,000 reads is 40 of them). */
const BATCHES_AT_ONCE = 4;

/**
 * Records many reads at once (an export with identity data: one record per business read, under its
 * owner), 25 per BatchWriteItem, `BATCHES_AT_ONCE` in flight, unprocessed items written again with
 * backoff; before the data is handed out, so a failure fails the export. A record with an `id` (the export
 * worker derives it from the export and the record read) is written once however often its batch is repeated.
 */
export async function recordPersonalDataAccesses(
  accesses: readonly { subjectSub: string; access: PersonalDataAccess; id?: string }[],
): Promise<void> {
  const batches = Array.from({ length: Math.ceil(accesses.length / BATCH_WRITE_MAX) }, (_, index) =>
    accesses.slice(index * BATCH_WRITE_MAX, (index + 1) * BATCH_WRITE_MAX),
  );
  const writeBatch = async (batch: typeof accesses) => {
    let requests = batch.map(({ subjectSub, access, id }) => ({
      PutRequest: {
        Item: {
          ...personalDataAccessKey(subjectSub, id ?? newId(Date.parse(access.at))),
          ...access,
          ...expiresAfter(Date.parse(access.at), RETENTION_SECONDS),
        },
      },
    }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt > 0) await sleep(50 * 2 ** Math.min(attempt, 6) * (0.5 + Math.random() / 2));
      const { UnprocessedItems } = await ddb.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
      );
      requests = (UnprocessedItems?.[tableName] ?? []) as typeof requests;
    }
  };
  await inOrder(batches, BATCHES_AT_ONCE, writeBatch);
}
