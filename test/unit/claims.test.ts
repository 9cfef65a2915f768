import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  codeMatches,
  displayCode,
  hashCode,
  newCode,
  normaliseCode,
  targetOf,
} from '../../functions/claims/codes.ts';
import { StartClaim } from '../../functions/claims/schemas.ts';

describe('claim codes', () => {
  it('are 8 characters without letters people misread', () => {
    for (let index = 0; index < 200; index++) expect(newCode()).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
  });

  it('match as typed in any case, grouped or not, and nothing else', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 12 }), (typed) => {
        const code = newCode();
        const stored = hashCode(code);
        expect(codeMatches(stored, displayCode(code).toLowerCase())).toBe(true);
        expect(codeMatches(stored, ` ${code.slice(0, 4)} ${code.slice(4)} `)).toBe(true);
        if (normaliseCode(typed) !== code) expect(codeMatches(stored, typed)).toBe(false);
      }),
    );
  });

  it('store no code in the clear, and salt each hash', () => {
    const code = newCode();
    const [first, second] = [hashCode(code), hashCode(code)];
    expect(JSON.stringify(first)).not.toContain(code);
    expect(first.codeHash).not.toBe(second.codeHash);
  });

  it('read O as 0 and I or L as 1', () => {
    expect(normaliseCode('o1il-abcd')).toBe('0111ABCD');
  });

  it('count claims per NIB or reference under a hash, never the number itself', () => {
    expect(targetOf({ nib: '1234567890123' })).not.toContain('1234567890123');
    expect(targetOf({ nib: '1234567890123' })).not.toBe(targetOf({ reference: '1234567890123' }));
  });
});

describe('claim requests', () => {
  const nik = '3275014306880001';
  it('take a NIB or an import reference, not both and not neither', () => {
    expect(StartClaim.safeParse({ nib: '1234567890123', nik }).success).toBe(true);
    expect(StartClaim.safeParse({ reference: `${'0'.repeat(26)}-12`, nik }).success).toBe(true);
    expect(StartClaim.safeParse({ nik }).success).toBe(false);
    expect(
      StartClaim.safeParse({ nib: '1234567890123', reference: `${'0'.repeat(26)}-12`, nik }).success,
    ).toBe(false);
    expect(StartClaim.safeParse({ nib: '1234567890123', nik, extra: 1 }).success).toBe(false);
  });
});
