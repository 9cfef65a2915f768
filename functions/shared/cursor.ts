import { badRequest } from './problem.ts';

type Key = Record<string, string>;

/** An opaque page cursor: the last evaluated key, base64url-encoded JSON. */
export const encodeCursor = (key: Record<string, unknown> | undefined): string | undefined =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : undefined;

/**
 * Decodes a cursor and checks that it is a key of the page being read: exactly the expected attributes,
 * all strings, in the queried partition. Anything else is the caller's error (400), never the table's.
 */
export function decodeCursor(
  cursor: string | undefined,
  expected: { attributes: string[]; partition: [string, string] },
): Key | undefined {
  if (cursor === undefined) return undefined;
  const invalid = () =>
    badRequest('The cursor is not valid for this list.', [
      {
        in: 'query',
        path: 'cursor',
        code: 'invalid_cursor',
        message: 'Use the cursor of the previous page unchanged.',
      },
    ]);
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
