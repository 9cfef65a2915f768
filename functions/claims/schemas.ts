import * as z from 'zod/mini';
import { ULID } from '../shared/ids.ts';

const nik = z.string().check(z.regex(/^\d{16}$/, { error: 'A NIK has 16 digits.' }));
const nib = z.string().check(z.regex(/^\d{13}$/, { error: 'An NIB has 13 digits.' }));
/** An import reference as printed on a claim letter: `<import id>-<row>`. */
const reference = z
  .string()
  .check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}-\d{1,7}$/, { error: 'Must be an import reference like 01J…-42.' }));
const code = z.string().check(z.minLength(8), z.maxLength(12), z.regex(/^[0-9A-Za-z\s-]+$/));

/** Start a claim: the record's NIB or its import reference, and the owner's NIK. */
export const StartClaim = z
  .strictObject({
    nib: z.optional(nib),
    reference: z.optional(reference),
    nik,
  })
  .check(
    z.refine((value) => (value.nib === undefined) !== (value.reference === undefined), {
      error: 'Give either nib or reference (one of them).',
      path: ['nib'],
    }),
  );
export type StartClaimInput = z.output<typeof StartClaim>;

export const ClaimIdPath = z.strictObject({
  id: z.string().check(z.regex(ULID, { error: 'Must be a claim id (ULID).' })),
});

export const ConfirmClaim = z.strictObject({ code });

/** Claim with a printed letter: the same details as a claim, and the letter's code. */
export const RedeemClaimLetter = z
  .strictObject({
    nib: z.optional(nib),
    reference: z.optional(reference),
    nik,
    code,
  })
  .check(
    z.refine((value) => (value.nib === undefined) !== (value.reference === undefined), {
      error: 'Give either nib or reference (one of them).',
      path: ['nib'],
    }),
  );
export type RedeemClaimLetterInput = z.output<typeof RedeemClaimLetter>;
