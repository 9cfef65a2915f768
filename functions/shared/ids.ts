import { createHash, randomBytes } from 'node:crypto';

/*
 * Time-sortable ids: ULIDs (48-bit millisecond time, 80 random bits, Crockford base32), monotonic within
 * a millisecond so that ids made in one process sort in creation order. Written out here (25 lines)
 * because the `ulid` package brought 2.4 KB of environment detection into every writing bundle.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** What an id looks like: 26 characters of that alphabet (path parameters are checked against it). */
export const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

let lastTime = -1;
let lastRandom: number[] = [];

function nextRandom(time: number): number[] {
  if (time !== lastTime) return Array.from(randomBytes(16), (byte) => byte & 31);
  // Same millisecond: increment the previous random part (base 32, 16 digits).
  const next = [...lastRandom];
  for (let index = next.length - 1; index >= 0; index--) {
    if ((next[index] ?? 0) < 31) {
      next[index] = (next[index] ?? 0) + 1;
      return next;
    }
    next[index] = 0;
  }
  throw new Error('ULID random part overflowed within one millisecond');
}

function timePartOf(time: number): string {
  let timePart = '';
  for (let rest = time, index = 0; index < 10; index++, rest = Math.floor(rest / 32)) {
    timePart = (ALPHABET[rest % 32] ?? '0') + timePart;
  }
  return timePart;
}

/** The millisecond time an id (a ULID) was made at. */
export function idTime(id: string): number {
  let time = 0;
  for (const char of id.slice(0, 10)) time = time * 32 + Math.max(ALPHABET.indexOf(char), 0);
  return time;
}

export function newId(now: number = Date.now()): string {
  const time = Math.max(now, lastTime);
  lastRandom = nextRandom(time);
  lastTime = time;
  return timePartOf(time) + lastRandom.map((digit) => ALPHABET[digit]).join('');
}

/**
 * The same id every time for the same time and `seed` (its random part is the seed's SHA-256): what a
 * write that may be repeated (a redelivered message) keys its item with, so that it lands once.
 */
export function derivedId(time: number, seed: string): string {
  const digest = createHash('sha256').update(seed).digest();
  return timePartOf(time) + Array.from(digest.subarray(0, 16), (byte) => ALPHABET[byte & 31]).join('');
}
