import { createHash } from 'node:crypto';
import { badRequest } from './problem.ts';

/**
 * Opaque paging cursors, bound to the query that gave them out. A cursor is base64url JSON holding the
 * key to continue after and a digest of the cursor's scope: the list it pages and everything that shapes
 * its sequence of pages (partition, key range, filters, order). Before a cursor is used, its digest must
 * match the scope of the request it came back with, and its key must have exactly the list's attributes
 * and lie in the query's partition and key range. A cursor from another list or other filters, a stale,
 * tampered or hand-made one, is a 400 naming `cursor`, never a 500 from DynamoDB.
 *
 * The digest is not a signature: someone who builds a cursor by hand with the right digest and a key in
 * range gets the page after that key of the same query, which the query's own filters could give them.
 */
export interface CursorScope {
  /** The list: a route's list, or an index and partition. */
  list: string;
  /** Every input that shapes the pages (filters, range, order), JSON-serialisable; not `limit`. */
  query?: unknown;
}

export type CursorKey = Record<string, string>;

/** What a cursor's key must look like for the query it is replayed with. */
export interface CursorShape {
  /** Exactly these attributes, each a non-empty string. */
  attributes: readonly string[];
  /** The attribute holding the partition and the value the query reads. */
  partition?: readonly [string, string];
  /** The attribute holding the sort key and the inclusive bounds of the query's key condition. */
  sort?: { attribute: string; lower?: string | undefined; upper?: string | undefined };
  /** Further checks (a position's pattern, a table key consistent with the index key); a throw is false. */
  valid?: (key: CursorKey) => boolean;
}

const MAX_KEY_PART = 300;

/** JSON with object keys sorted, so that equal scopes give equal digests. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, part]) => part !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([name, part]) => `${JSON.stringify(name)}:${canonical(part)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const digestOf = (scope: CursorScope): string =>
  createHash('sha256').update(canonical(scope)).digest('base64url').slice(0, 22);

export function encodeCursor(scope: CursorScope, key: CursorKey): string {
  return Buffer.from(JSON.stringify({ s: digestOf(scope), k: key })).toString('base64url');
}

const invalidCursor = () =>
  badRequest('The cursor does not belong to this list.', [
    {
      in: 'query',
      path: 'cursor',
      code: 'invalid_cursor',
      message: 'Not a cursor this list gave out for these filters.',
    },
  ]);

const isString = (value: unknown): value is string =>
  typeof value === 'string' && value.length > 0 && value.length <= MAX_KEY_PART && value.isWellFormed();

/** A key check that throws (a key helper refusing a part) refuses the cursor. */
function isValid(valid: (key: CursorKey) => boolean, key: CursorKey): boolean {
  try {
    return valid(key);
  } catch {
    return false;
  }
}

/** The key in `cursor`, after checking it was given out for `scope` and fits `shape`; 400 otherwise. */
export function decodeCursor(
  cursor: string | undefined,
  scope: CursorScope,
  shape: CursorShape,
): CursorKey | undefined {
  if (cursor === undefined) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!decoded || typeof decoded !== 'object' || Array.isArray(decoded)) throw invalidCursor();
  const { s, k } = decoded as { s?: unknown; k?: unknown };
  if (s !== digestOf(scope)) throw invalidCursor();
  if (!k || typeof k !== 'object' || Array.isArray(k)) throw invalidCursor();
  const entries = Object.entries(k as Record<string, unknown>);
  const names = entries.map(([name]) => name).sort();
  if (names.join('\u0000') !== [...shape.attributes].sort().join('\u0000')) throw invalidCursor();
  if (!entries.every(([, value]) => isString(value))) throw invalidCursor();
  const key = k as CursorKey;
  if (shape.partition && key[shape.partition[0]] !== shape.partition[1]) throw invalidCursor();
  if (shape.sort) {
    const position = key[shape.sort.attribute] ?? '';
    const { lower, upper } = shape.sort;
    if ((lower !== undefined && position < lower) || (upper !== undefined && position > upper))
      throw invalidCursor();
  }
  if (shape.valid && !isValid(shape.valid, key)) throw invalidCursor();
  return key;
}

/** A check that a cursor's table key (`PK`, `SK`) is `tableKey` of its index sort key: an item of the list. */
export const keyedBy =
  (indexSortKey: string, tableKey: (sortKey: string) => { PK: string; SK: string }) =>
  (key: CursorKey): boolean => {
    const expected = tableKey(key[indexSortKey] ?? '');
    return key.PK === expected.PK && key.SK === expected.SK;
  };
