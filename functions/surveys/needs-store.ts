import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, tableName } from '../shared/db.ts';
import { absent, batchGet, recordOf, versionIs, type TransactItem } from '../shared/dynamo.ts';
import { ownerNeedsKey, ownerOfNeedsItem } from '../shared/keys.ts';
import { NEEDS, type Need } from './vocabulary.ts';

/*
 * The owner's declared needs (`OWNER#<sub>` / `NEEDS`): per business the needs of its latest answers that
 * ask about needs, and their union in `needs`, which the weekly digest matches events against. Rewritten
 * in the transaction that changes them, conditional on the revision read.
 */

export interface OwnerNeeds {
  needs: Need[];
  byBusiness: Record<string, Need[]>;
  revision: number;
  updatedAt: string;
}

export async function findOwnerNeeds(ownerSub: string): Promise<OwnerNeeds | undefined> {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName, Key: ownerNeedsKey(ownerSub) }));
  return Item ? recordOf<OwnerNeeds>(Item) : undefined;
}

const KNOWN_NEEDS = new Set<string>(NEEDS);

/** The needs owners declared, by owner sub (the weekly digest puts them first); owners without are absent. */
export async function declaredNeedsOf(ownerSubs: readonly string[]): Promise<Map<string, Need[]>> {
  const items = await batchGet(
    [...new Set(ownerSubs)].map((sub) => ownerNeedsKey(sub)),
    { expression: 'PK, needs' },
  );
  const bySub = new Map<string, Need[]>();
  for (const item of items) {
    const needs = Array.isArray(item.needs) ? item.needs.filter((need) => KNOWN_NEEDS.has(String(need))) : [];
    bySub.set(ownerOfNeedsItem(item as { PK: unknown }), needs as Need[]);
  }
  return bySub;
}

const sameNeeds = (a: Need[] | undefined, b: Need[] | undefined) =>
  a === undefined || b === undefined ? a === b : a.length === b.length && a.every((need) => b.includes(need));

/**
 * The transaction item that sets one business's declared needs (`undefined`: the business is gone) and
 * recomputes the owner's union. When nothing changes it still checks the revision, so that a concurrent
 * change is never overwritten by a stale read.
 */
export function ownerNeedsItem(
  ownerSub: string,
  before: OwnerNeeds | undefined,
  businessId: string,
  needs: Need[] | undefined,
  now: string,
) {
  const Key = ownerNeedsKey(ownerSub);
  const condition = before ? versionIs('revision', before.revision) : absent();
  if (sameNeeds(before?.byBusiness[businessId], needs))
    return { ConditionCheck: { TableName: tableName, Key, ...condition } };
  const byBusiness = { ...before?.byBusiness };
  if (needs === undefined) delete byBusiness[businessId];
  else byBusiness[businessId] = needs;
  if (Object.keys(byBusiness).length === 0) return { Delete: { TableName: tableName, Key, ...condition } };
  const union = new Set(Object.values(byBusiness).flat());
  const next: OwnerNeeds = {
    needs: NEEDS.filter((need) => union.has(need)),
    byBusiness,
    revision: (before?.revision ?? 0) + 1,
    updatedAt: now,
  };
  return { Put: { TableName: tableName, Item: { ...Key, entity: 'ownerNeeds', ...next }, ...condition } };
}

/** The transaction item that takes the business out of its owner's declared needs. */
export async function needsWithoutBusiness(business: {
  id: string;
  ownerSub: string;
}): Promise<TransactItem> {
  const needs = await findOwnerNeeds(business.ownerSub);
  return ownerNeedsItem(business.ownerSub, needs, business.id, undefined, new Date().toISOString());
}
