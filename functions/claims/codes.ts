import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/*
 * One-time claim codes: 8 characters of Crockford's base32 (no I, L, O or U to misread on paper), 40 bits,
 * typed from a mail or a printed letter. Only a salted SHA-256 of a code is stored; with at most five tries
 * per claim and an expiry, guessing is hopeless (5 in 2^40).
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CODE_LENGTH = 8;

export function newCode(): string {
  let code = '';
  for (let index = 0; index < CODE_LENGTH; index++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** What a person types, read as the code: case and spaces or dashes between groups ignored, O→0, I/L→1. */
export const normaliseCode = (typed: string): string =>
  typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');

/** A code for print and mail, in two groups of four (`7KQ2-M9XD`). */
export const displayCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

export interface HashedCode {
  salt: string;
  codeHash: string;
}

const digest = (salt: string, code: string) =>
  createHash('sha256').update(salt).update(':').update(normaliseCode(code)).digest('base64url');

export function hashCode(code: string): HashedCode {
  const salt = randomBytes(16).toString('base64url');
  return { salt, codeHash: digest(salt, code) };
}

/** Whether `typed` is the code behind `stored`, compared in constant time. */
export function codeMatches(stored: HashedCode, typed: string): boolean {
  const expected = Buffer.from(stored.codeHash);
  const actual = Buffer.from(digest(stored.salt, typed));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** The counter key part for what a claim named (a NIB or reference): a hash, so no NIB sits in a key. */
export const targetOf = (named: { nib: string } | { reference: string }) =>
  createHash('sha256')
    .update('nib' in named ? `nib:${named.nib}` : `ref:${named.reference}`)
    .digest('base64url')
    .slice(0, 22);
