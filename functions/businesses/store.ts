import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { keyedBy } from '../shared/cursor.ts';
import { ddb, tableName } from '../shared/db.ts';
import {
  TransactionCancelled,
  absent,
  isConditionFailure,
  present,
  indexPage,
  queryAll,
  queryPage,
  recordOf,
  transactWrite,
  versionIs,
  type Item,
  type TransactItem,
} from '../shared/dynamo.ts';
import {
  ALL_BUSINESSES_PARTITION,
  BUSINESS_STATS_PARTITION,
  businessCounterKey,
  businessIndexKeys,
  businessKey,
  businessesByKecamatanPartition,
  businessesByStatusPartition,
  nibGuardKey,
  ownerBusinessesPartition,
  ownerKey,
  type TableKey,
} from '../shared/keys.ts';
import { newId } from '../shared/ids.ts';
import { conflict, preconditionFailed } from '../shared/problem.ts';
import {
  appendHistory,
  importedBusinessId,
  importReference,
  isOwned,
  type Business,
  type OwnedBusiness,
} from './model.ts';
import type { SizeClass } from './rules.ts';
import type { BusinessStatus } from './vocabulary.ts';

/** How many businesses one account may hold: several, not unbounded (lists stay one page). */
export const MAX_BUSINESSES_PER_OWNER = 20;

/** The item the table holds for a business: its key, its index keys and the record (the benches write it). */
export function toItem(business: Business) {
  return {
    ...businessKey(business.id),
    ...businessIndexKeys({
      id: business.id,
      ownerSub: business.ownerSub,
      kecamatan: business.address.kecamatan,
      status: business.status,
    }),
    entity: 'business',
    ...business,
  };
}

const toBusiness = (item: Item) => recordOf<Business>(item);

// ---------------------------------------------------------------------------------------------------
// Counters: one item per cell, adjusted in the same transaction as the record.

type Cell = Parameters<typeof businessCounterKey>[0];

function cellsOf(business: Business): Cell[] {
  const { status } = business;
  return [
    { kind: 'area', kecamatan: business.address.kecamatan, sizeClass: business.size.class, status },
    { kind: 'sector', sector: business.sector, status },
  ];
}

function counterUpdates(before: Business | undefined, after: Business | undefined) {
  return counterDeltas([
    ...(before ? [{ business: before, delta: -1 }] : []),
    ...(after ? [{ business: after, delta: 1 }] : []),
  ]);
}

/**
 * The counter updates for many records at once, one per cell touched. The bulk import adds a chunk's new
 * records to the counters with the chunk's own marker (one transaction per chunk instead of per row): rows
 * written in parallel would otherwise all contend for the same few counter items.
 */
export function counterDeltas(changes: { business: Business; delta: number }[]): TransactItem[] {
  const deltas = new Map<string, { cell: Cell; key: TableKey; delta: number }>();
  const add = (business: Business | undefined, delta: number) => {
    for (const cell of business ? cellsOf(business) : []) {
      const key = businessCounterKey(cell);
      const entry = deltas.get(key.SK) ?? { cell, key, delta: 0 };
      entry.delta += delta;
      deltas.set(key.SK, entry);
    }
  };
  for (const change of changes) add(change.business, change.delta);
  return [...deltas.values()]
    .filter((entry) => entry.delta !== 0)
    .map(({ cell, key, delta }) => ({
      Update: {
        TableName: tableName,
        Key: key,
        UpdateExpression: 'ADD #count :delta SET #cell = :cell',
        ExpressionAttributeNames: { '#count': 'count', '#cell': 'cell' },
        ExpressionAttributeValues: { ':delta': delta, ':cell': cell },
      },
    }));
}

// ---------------------------------------------------------------------------------------------------
// Writes

const nibTaken = () => conflict('A business with this NIB is registered already.');

/** The NIB's guard taken for `business` (nothing without a NIB): a second record with it fails (409). */
const takeNib = (business: Pick<Business, 'id' | 'nib'>): TransactItem[] =>
  business.nib
    ? [
        {
          Put: {
            TableName: tableName,
            Item: { ...nibGuardKey(business.nib), businessId: business.id },
            ...absent(),
          },
        },
      ]
    : [];
const nikTaken = () =>
  conflict(
    'This NIK is registered to another account. If it is yours, ask Dinas Koperasi dan UKM to review it.',
  );

/**
 * The NIK guard (`guard`, from identity.ts) taken for one more business of `ownerSub` (a registration,
 * a NIK change, the claim of an imported record): free (absent, or
 * no business left under it) or already theirs; another account's is a failed condition (409).
 */
export function claimNik(guard: TableKey, ownerSub: string): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: guard,
      UpdateExpression: 'SET #owner = :owner ADD #count :one',
      ConditionExpression: 'attribute_not_exists(#owner) OR #owner = :owner OR #count <= :zero',
      ExpressionAttributeNames: { '#owner': 'ownerSub', '#count': 'businesses' },
      ExpressionAttributeValues: { ':owner': ownerSub, ':one': 1, ':zero': 0 },
    },
  };
}

/** One business fewer under a NIK guard; `dropFreeNikGuard` removes the guard once none is left. */
export function releaseNik(guard: TableKey): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: guard,
      UpdateExpression: 'ADD #count :minusOne',
      ExpressionAttributeNames: { '#count': 'businesses' },
      ExpressionAttributeValues: { ':minusOne': -1 },
    },
  };
}

/**
 * Deletes a NIK guard no business uses any more (after an erasure or a NIK change). Until it runs, such
 * a guard counts as free, so a crash in between never locks a NIK.
 */
export async function dropFreeNikGuard(guard: TableKey): Promise<void> {
  try {
    await ddb.send(
      new DeleteCommand({
        TableName: tableName,
        Key: guard,
        ConditionExpression: 'attribute_not_exists(#count) OR #count <= :zero',
        ExpressionAttributeNames: { '#count': 'businesses' },
        ExpressionAttributeValues: { ':zero': 0 },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/**
 * Registers a business in one transaction: the record, its NIB guard, the owner's business count and the
 * counters. A taken NIB is a 409; the owner's cap a 409; nothing is written unless everything is.
 */
export async function registerBusiness(business: OwnedBusiness, nikGuard: TableKey): Promise<void> {
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName,
        Item: toItem(business),
        ...absent(),
      },
    },
    {
      Update: {
        TableName: tableName,
        Key: ownerKey(business.ownerSub),
        UpdateExpression: 'ADD businessCount :one',
        ConditionExpression: 'attribute_not_exists(businessCount) OR businessCount < :max',
        ExpressionAttributeValues: { ':one': 1, ':max': MAX_BUSINESSES_PER_OWNER },
      },
    },
    ...takeNib(business),
    ...counterUpdates(undefined, business),
  ];
  const nikAt = items.push(claimNik(nikGuard, business.ownerSub)) - 1;
  try {
    await transactWrite(items);
  } catch (error) {
    if (!(error instanceof TransactionCancelled)) throw error;
    if (business.nib && error.failedAt(2)) throw nibTaken();
    if (error.failedAt(nikAt)) throw nikTaken();
    if (error.failedAt(1))
      throw conflict(`An account may register at most ${MAX_BUSINESSES_PER_OWNER} businesses.`);
    throw error;
  }
}

/** What became of an imported row: a new record, or which guard found it there already. */
export type ImportedOutcome =
  | { outcome: 'created' }
  | { outcome: 'duplicate'; guard: 'reference' | 'nib' | 'extra'; extraIndex?: number };

/** An imported row to write: the record and the caller's `extra` guards (e.g. NIK + name). */
export interface ImportedEntry {
  business: Business & { source: { kind: 'import'; importId: string; row: number } };
  extra?: TransactItem[];
}

/** DynamoDB's limit of items in one TransactWriteItems call. */
const TRANSACTION_ITEMS = 100;
/** Transactions of one `createImportedBusinesses` call in flight at once. */
const TRANSACTIONS_AT_ONCE = 4;

/** The item a transaction item names (`PK|SK`): one transaction may name an item once only. */
function itemKeyOf(item: TransactItem): string {
  const key = (item.Put?.Item ??
    item.Update?.Key ??
    item.Delete?.Key ??
    item.ConditionCheck?.Key ??
    {}) as Item;
  return `${String(key.PK)}|${String(key.SK)}`;
}

/**
 * A row's own items: the record (its id derived from the row's import reference, so it is the row's own
 * guard), its NIB guard, then its extra guards.
 */
function importedItems({ business, extra = [] }: ImportedEntry): TransactItem[] {
  if (business.ownerSub !== undefined) throw new Error('An imported business has no owner');
  if (business.id !== importedBusinessId(business.source))
    throw new Error('An imported business is keyed by its import reference');
  return [
    { Put: { TableName: tableName, Item: toItem(business), ...absent() } },
    ...takeNib(business),
    ...extra,
  ];
}

/** Which guard of a row's items (from `importedItems`) failed its condition, if any. */
function failedGuard(
  entry: ImportedEntry,
  failedAt: (index: number) => boolean,
): ImportedOutcome | undefined {
  if (failedAt(0)) return { outcome: 'duplicate', guard: 'reference' };
  if (entry.business.nib && failedAt(1)) return { outcome: 'duplicate', guard: 'nib' };
  const extraStart = entry.business.nib ? 2 : 1;
  const failed = (entry.extra ?? []).findIndex((_, index) => failedAt(extraStart + index));
  return failed >= 0 ? { outcome: 'duplicate', guard: 'extra', extraIndex: failed } : undefined;
}

/**
 * Creates imported businesses: no owner (nobody has claimed them), each with its source row and the
 * Dinas's public task as legal basis. Each row's items (the record, keyed by the row's import reference so
 * that the same row of the same import is never created twice, e.g. after a crash; the NIB guard, NIB unique across
 * imported and self-registered records; the caller's `extra` guards) go into a transaction together, and
 * up to 100 items' worth of rows share one transaction (with their counters, unless the caller adds those):
 * each row all or nothing, far fewer round trips than one per row. When a transaction is cancelled, the
 * rows whose guard exists already come back as duplicates naming it, and the others are written again
 * without them. Rows naming one item twice (the same NIB twice in a file) go in different transactions.
 * Outcomes in the order of `entries`.
 */
export async function createImportedBusinesses(
  entries: readonly ImportedEntry[],
  options: { counters: 'with-record' | 'by-caller' } = { counters: 'with-record' },
): Promise<ImportedOutcome[]> {
  const outcomes: (ImportedOutcome | undefined)[] = entries.map(() => undefined);
  const rowItems = entries.map(importedItems);
  // Counter cells a row may add to its transaction (area and sector).
  const counterRoom = options.counters === 'with-record' ? 2 : 0;
  let pending = entries.map((_, index) => index);
  while (pending.length > 0) {
    const groups: number[][] = [];
    const deferred: number[] = [];
    let group: number[] = [];
    let keys = new Set<string>();
    let size = 0;
    for (const index of pending) {
      const items = rowItems[index] ?? [];
      const own = items.map(itemKeyOf);
      if (own.some((key) => keys.has(key))) {
        deferred.push(index);
        continue;
      }
      if (size + items.length + counterRoom > TRANSACTION_ITEMS && group.length > 0) {
        groups.push(group);
        group = [];
        keys = new Set();
        size = 0;
      }
      group.push(index);
      for (const key of own) keys.add(key);
      size += items.length + counterRoom;
    }
    if (group.length > 0) groups.push(group);

    const again: number[][] = [];
    const write = async (members: number[]) => {
      const items = members.flatMap((index) => rowItems[index] ?? []);
      const counters =
        options.counters === 'with-record'
          ? counterDeltas(members.map((index) => ({ business: entries[index]!.business, delta: 1 })))
          : [];
      try {
        await transactWrite([...items, ...counters]);
        for (const index of members) outcomes[index] = { outcome: 'created' };
      } catch (error) {
        if (!(error instanceof TransactionCancelled)) throw error;
        const retry: number[] = [];
        let offset = 0;
        for (const index of members) {
          const start = offset;
          offset += rowItems[index]?.length ?? 0;
          const found = failedGuard(entries[index]!, (at) => error.failedAt(start + at));
          if (found) outcomes[index] = found;
          else retry.push(index);
        }
        if (retry.length === members.length) throw error; // no row's guard failed: not a duplicate
        again.push(retry);
      }
    };
    for (let next = 0; next < groups.length; next += TRANSACTIONS_AT_ONCE)
      await Promise.all(groups.slice(next, next + TRANSACTIONS_AT_ONCE).map(write));
    pending = [...again.flat(), ...deferred];
  }
  return outcomes.map((outcome) => outcome ?? { outcome: 'created' });
}

/** One imported business (see `createImportedBusinesses`): created, or which guard found it there already. */
export async function createImportedBusiness(
  business: ImportedEntry['business'],
  extra: TransactItem[] = [],
  options: { counters: 'with-record' | 'by-caller' } = { counters: 'with-record' },
): Promise<ImportedOutcome> {
  const [outcome] = await createImportedBusinesses([{ business, extra }], options);
  return outcome ?? { outcome: 'created' };
}

/**
 * The business a NIB or an import reference (`<import id>-<row>`) names. A NIB: its guard item, then the
 * record, both Gets made whether or not the guard exists (a fresh id that names nothing otherwise), so
 * that the work, and the time it takes, does not tell a caller whether the NIB is on file. A reference:
 * the record its id is derived from (one Get either way).
 */
export async function findBusinessBy(
  key: { nib: string } | { reference: string },
): Promise<Business | undefined> {
  if ('reference' in key) {
    const [importId = '', row = ''] = key.reference.split('-');
    const source = { importId, row: Number(row) };
    const business = await getBusiness(importedBusinessId(source));
    return business?.source && importReference(business.source) === key.reference ? business : undefined;
  }
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName, Key: nibGuardKey(key.nib) }));
  return getBusiness(typeof Item?.businessId === 'string' ? Item.businessId : newId());
}

/**
 * Makes `ownerSub` the owner of an imported record nobody has claimed: the record gains the owner and the
 * owner's index keys, the owner's business count grows (capped like registrations), and the caller's
 * `extra` writes (the claim used up, the answers given before joining the owner's index) go in the same
 * transaction. 409 when someone claimed it meanwhile or the account holds its maximum.
 */
export async function claimBusiness(
  before: Business,
  ownerSub: string,
  now: string,
  nikGuard: TableKey,
  extra: TransactItem[] = [],
): Promise<OwnedBusiness> {
  const after: OwnedBusiness = {
    ...before,
    ownerSub,
    claimedAt: now,
    history: appendHistory(before.history, { at: now, by: ownerSub, role: 'owner', action: 'claimed' }),
    version: before.version + 1,
    updatedAt: now,
  };
  const unclaimed = versionIs('version', before.version);
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName,
        Item: toItem(after),
        ...unclaimed,
        ConditionExpression: `${unclaimed.ConditionExpression} AND attribute_not_exists(ownerSub)`,
      },
    },
    {
      Update: {
        TableName: tableName,
        Key: ownerKey(ownerSub),
        UpdateExpression: 'ADD businessCount :one',
        ConditionExpression: 'attribute_not_exists(businessCount) OR businessCount < :max',
        ExpressionAttributeValues: { ':one': 1, ':max': MAX_BUSINESSES_PER_OWNER },
      },
    },
    // One NIK, one person: a claim takes the NIK's guard as a registration does.
    claimNik(nikGuard, ownerSub),
    ...extra,
  ];
  try {
    await transactWrite(items);
    return after;
  } catch (error) {
    if (!(error instanceof TransactionCancelled)) throw error;
    if (error.failedAt(0)) throw conflict('This business was claimed or changed meanwhile.');
    if (error.failedAt(1))
      throw conflict(`An account may hold at most ${MAX_BUSINESSES_PER_OWNER} businesses.`);
    if (error.failedAt(2)) throw nikTaken();
    throw error;
  }
}

/**
 * Replaces a business with its new state if nobody changed it since `before` was read (else 412), moving
 * its NIB guard, its NIK guard (`nik`, when the NIK changed: the guards of the new and the old NIK) and
 * counters in the same transaction, with `extra` items (an access record).
 */
export async function replaceBusiness(
  before: Business,
  after: Business,
  extra: TransactItem[] = [],
  nik?: { claim: TableKey; release: TableKey },
): Promise<void> {
  const nibChanged = before.nib !== after.nib;
  const items: TransactItem[] = [
    {
      Put: {
        TableName: tableName,
        Item: toItem(after),
        ...versionIs('version', before.version),
      },
    },
    ...(nibChanged ? takeNib(after) : []),
    ...(nibChanged && before.nib ? [{ Delete: { TableName: tableName, Key: nibGuardKey(before.nib) } }] : []),
    ...counterUpdates(before, after),
    ...extra,
  ];
  // An unclaimed imported record holds no NIK guard (its claim takes one).
  const nikAt =
    nik && isOwned(after) ? items.push(claimNik(nik.claim, after.ownerSub), releaseNik(nik.release)) - 2 : -1;
  try {
    await transactWrite(items);
  } catch (error) {
    if (!(error instanceof TransactionCancelled)) throw error;
    if (error.failedAt(0)) throw preconditionFailed();
    if (nibChanged && after.nib && error.failedAt(1)) throw nibTaken();
    if (nikAt >= 0 && error.failedAt(nikAt)) throw nikTaken();
    throw error;
  }
}

/**
 * Erases a business and what is tied to it (NIB guard, its place in the counters and the owner's count),
 * leaving an imported record's reference guard (it holds only the id) so that importing the same file
 * again does not bring an erased record back,
 * with `extra` writes of other features in the same transaction (the owner's declared needs).
 */
export async function eraseBusiness(
  business: Business,
  nikGuard: TableKey,
  extra: TransactItem[] = [],
): Promise<void> {
  const items = [
    {
      Delete: {
        TableName: tableName,
        Key: businessKey(business.id),
        ...versionIs('version', business.version),
      },
    },
    ...(isOwned(business)
      ? [
          {
            Update: {
              TableName: tableName,
              Key: ownerKey(business.ownerSub),
              UpdateExpression: 'ADD businessCount :minusOne',
              ExpressionAttributeValues: { ':minusOne': -1 },
            },
          },
        ]
      : []),
    ...(business.nib ? [{ Delete: { TableName: tableName, Key: nibGuardKey(business.nib) } }] : []),
    ...counterUpdates(business, undefined),
    // An unclaimed imported record holds no NIK guard: nobody's account took it.
    ...(isOwned(business) ? [releaseNik(nikGuard)] : []),
    ...extra,
  ];
  try {
    await transactWrite(items);
  } catch (error) {
    if (error instanceof TransactionCancelled && error.failedAt(0)) throw preconditionFailed();
    throw error;
  }
}

/** A transaction item checking that the business still exists (other features write under it). */
export const businessExists = (id: string): TransactItem => ({
  ConditionCheck: { TableName: tableName, Key: businessKey(id), ConditionExpression: present() },
});

// ---------------------------------------------------------------------------------------------------
// Reads

export async function getBusiness(id: string): Promise<Business | undefined> {
  const { Item } = await ddb.send(new GetCommand({ TableName: tableName, Key: businessKey(id) }));
  return Item ? toBusiness(Item) : undefined;
}

/** The caller's businesses, newest first: one page, as an owner holds at most 20. */
export async function listOwnerBusinesses(ownerSub: string): Promise<Business[]> {
  const { items } = await queryPage(
    {
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :owner AND begins_with(GSI1SK, :prefix)',
      ExpressionAttributeValues: { ':owner': ownerBusinessesPartition(ownerSub), ':prefix': 'BUSINESS#' },
      ScanIndexForward: false,
    },
    MAX_BUSINESSES_PER_OWNER,
  );
  return items.map(toBusiness);
}

export interface BusinessFilters {
  kecamatan?: string;
  kelurahan?: string;
  sizeClass?: SizeClass;
  sector?: string;
  status?: BusinessStatus;
}

/** The index that serves the filters best, and its partition. */
function indexFor(filters: BusinessFilters): { index: 'GSI2' | 'GSI3' | 'GSI4'; partition: string } {
  // A kelurahan code starts with its kecamatan's code (32.75.01.1001 lies in 32.75.01).
  const kecamatan = filters.kecamatan ?? filters.kelurahan?.slice(0, 8);
  if (kecamatan) return { index: 'GSI2', partition: businessesByKecamatanPartition(kecamatan) };
  if (filters.status) return { index: 'GSI3', partition: businessesByStatusPartition(filters.status) };
  return { index: 'GSI4', partition: ALL_BUSINESSES_PARTITION };
}

/** One page of businesses, newest first, from one Query on the index that fits the filters. */
export async function listBusinesses(
  filters: BusinessFilters,
  page: { limit: number; cursor?: string },
): Promise<{ items: Business[]; cursor?: string }> {
  const { index, partition } = indexFor(filters);
  const conditions: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  /** Narrows the page by an attribute at `path` (names of its parts), unless the index already keys it. */
  const narrow = (path: string[], value: string | undefined, keyedByIndex = false) => {
    if (value === undefined || keyedByIndex) return;
    for (const part of path) names[`#${part}`] = part;
    const placeholder = `:${path.join('_')}`;
    values[placeholder] = value;
    conditions.push(`${path.map((part) => `#${part}`).join('.')} = ${placeholder}`);
  };
  narrow(['address', 'kelurahan'], filters.kelurahan);
  narrow(['address', 'kecamatan'], filters.kecamatan, index === 'GSI2');
  narrow(['status'], filters.status, index === 'GSI3');
  narrow(['sector'], filters.sector);
  narrow(['size', 'class'], filters.sizeClass);
  const result = await indexPage(
    index,
    partition,
    page,
    {
      ScanIndexForward: false,
      ...(conditions.length > 0
        ? { FilterExpression: conditions.join(' AND '), ExpressionAttributeNames: names }
        : {}),
      ExpressionAttributeValues: values,
    },
    keyedBy(`${index}SK`, businessKey),
  );
  return { ...result, items: result.items.map(toBusiness) };
}

export interface CounterCell {
  cell: Cell;
  count: number;
}

/** Every counter cell: O(number of cells), never O(number of businesses). */
export async function businessCounters(): Promise<CounterCell[]> {
  const items = await queryAll({
    KeyConditionExpression: 'PK = :stats',
    ExpressionAttributeValues: { ':stats': BUSINESS_STATS_PARTITION },
  });
  return items.map((item) => ({ cell: item.cell as Cell, count: Number(item.count ?? 0) }));
}
