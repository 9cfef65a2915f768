import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { nikNameDigestOf } from '../businesses/identity.ts';
import { ddb, tableName } from '../shared/db.ts';
import { absent } from '../shared/dynamo.ts';
import { nikNameGuardKey } from '../shared/keys.ts';

/*
 * The NIK + name guard of imported records without NIB. Its own module: only the worker loads it (with the
 * identity secret that keys it); the planner and the routes reading an import's progress do not.
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
