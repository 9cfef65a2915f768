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
