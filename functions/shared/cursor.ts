import { badRequest } from './problem.ts';

/**
 * Opaque paging cursors: base64url JSON naming the partition a list reads and the sort-key position
 * after which the next page starts. A cursor is checked before use: one from another list, or one that
 * was tampered with, is a 400, never a 500 from DynamoDB.
 */
interface CursorBody {
  p: string;
  k: string;
}

export function encodeCursor(partition: string, position: string): string {
  return Buffer.from(JSON.stringify({ p: partition, k: position } satisfies CursorBody)).toString(
    'base64url',
  );
}

const invalidCursor = () =>
  badRequest('The cursor does not belong to this list.', [
    { in: 'query', path: 'cursor', code: 'invalid_cursor', message: 'Not a cursor this list gave out.' },
  ]);

/** The position encoded in `cursor`, after checking it belongs to `partition` and looks like a position. */
export function decodeCursor(
  cursor: string | undefined,
  partition: string,
  isPosition: (position: string) => boolean,
): string | undefined {
  if (cursor === undefined) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (typeof decoded !== 'object' || decoded === null) throw invalidCursor();
  const { p, k } = decoded as Partial<CursorBody>;
  if (p !== partition || typeof k !== 'string' || !isPosition(k)) throw invalidCursor();
  return k;
}

type Key = Record<string, string>;

/** A cursor holding a whole last evaluated key (lists whose pages end anywhere in an index). */
export const encodeKeyCursor = (key: Record<string, unknown> | undefined): string | undefined =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;

/**
 * Decodes a cursor and checks that it is a key of the page being read: exactly the expected attributes,
 * all strings, in the queried partition. Anything else is the caller's error (400), never the table's.
 */
export function decodeKeyCursor(
  cursor: string | undefined,
  expected: { attributes: string[]; partition: [string, string] },
): Key | undefined {
  if (cursor === undefined) return undefined;
  const invalid = invalidCursor;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!key || typeof key !== 'object' || Array.isArray(key)) throw invalid();
  const entries = Object.entries(key);
  const names = entries.map(([name]) => name).sort();
  if (names.join() !== [...expected.attributes].sort().join()) throw invalid();
  if (!entries.every(([, value]) => typeof value === 'string' && value.length > 0 && value.length <= 300))
    throw invalid();
  const [partitionAttribute, partitionValue] = expected.partition;
  if ((key as Key)[partitionAttribute] !== partitionValue) throw invalid();
  return key as Key;
}
