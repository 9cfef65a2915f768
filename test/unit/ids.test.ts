import { beforeEach, describe, expect, it, vi } from 'vitest';

let newId: (now?: number) => string;
let idTime: (id: string) => number;

describe('newId', () => {
  beforeEach(async () => {
    vi.resetModules();
    ({ newId, idTime } = await import('../../functions/shared/ids.ts'));
  });

  it('makes 26-character Crockford base32 ULIDs', () => {
    expect(newId()).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('encodes the millisecond time in its first ten characters', () => {
    // The ULID specification's example time.
    expect(newId(1_469_918_176_385).slice(0, 10)).toBe('01ARYZ6S41');
  });

  it('reads the time back out of an id', () => {
    expect(idTime('01ARYZ6S41TSV4RRFFQ69G5FAV')).toBe(1_469_918_176_385);
    expect(idTime(newId(1_700_000_000_123))).toBe(1_700_000_000_123);
  });

  it('sorts in creation order and never repeats, also within one millisecond', () => {
    const ids = Array.from({ length: 2000 }, () => newId(1_700_000_000_000));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('stays monotonic when the clock steps back', () => {
    const later = newId(Date.now() + 60_000);
    expect(newId(Date.now()) > later).toBe(true);
  });
});
