import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { nikNameDigestOf } from '../businesses/identity.ts';
import type { Business } from '../businesses/model.ts';
import { ddb, tableName } from '../shared/db.ts';
import { absent, type TransactItem } from '../shared/dynamo.ts';
import { nikNameGuardKey } from '../shared/keys.ts';

/*
 * The NIK + name guard of imported records without NIB. Its own module: only the functions holding the
 * identity secret that keys it load it (the import worker, and erasure); the planner and the routes reading
 * an import's progress do not.
 */

/**
 * A record without NIB is the same business when NIK and normalised business name are: its guard's key, a
 * keyed HMAC with the identity secret (like the NIK guard's), never a plain hash a table reader could test
 * NIK guesses against.
 */
export function nikNameDigest(nik: string, businessName: string): string {
  const name = businessName
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\b(ud|cv|pt|toko|warung)\b/g, '')
    .replace(/[^a-z0-9]+/g, '');
  return nikNameDigestOf(nik, name);
}

export const nikNameGuard = (digest: string, businessId: string) => ({
  Put: { TableName: tableName, Item: { ...nikNameGuardKey(digest), businessId }, ...absent() },
});

/** The business a NIK + name guard names. */
export async function businessIdByNikName(digest: string): Promise<string | undefined> {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName, Key: nikNameGuardKey(digest) }));
  return typeof Item?.businessId === 'string' ? Item.businessId : undefined;
}

/**
 * The NIK + name guard's deletion, for the erasure transaction of an imported record: none when the guard
 * is gone or names another record, else a Delete on condition that it still names this one (a guard changed
 * meanwhile cancels the transaction, and the erasure reads it again). Without it the guard would outlive
 * the record, and importing the same row again would find it "matched" to a record that is no more.
 *
 * The guard is found by the record's NIK and name as they are now: an owner who changed either after the
 * claim leaves the guard of the imported values behind (the record does not keep that digest).
 */
export async function nikNameGuardRelease(
  business: Pick<Business, 'id' | 'name' | 'owner' | 'source'>,
): Promise<TransactItem[]> {
  if (business.source?.kind !== 'import') return [];
  const key = nikNameGuardKey(nikNameDigest(business.owner.nik, business.name));
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }));
  if (Item?.businessId !== business.id) return [];
  return [
    {
      Delete: {
        TableName: tableName,
        Key: key,
        ConditionExpression: 'businessId = :id',
        ExpressionAttributeValues: { ':id': business.id },
      },
    },
  ];
}
