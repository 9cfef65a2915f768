import * as z from 'zod/mini';
import { pageQuery } from '../shared/paging.ts';
import { KECAMATAN_CODE, KELURAHAN_CODE } from '../regions/codes.ts';
import { freeText } from '../shared/text.ts';
import { SIZE_CLASSES } from './rules.ts';
import { BUSINESS_STATUSES, DECISIONS, SECTORS } from './vocabulary.ts';

/* Request schemas of the business lists and verification (registration and editing: registration-schemas.ts). */

const text = (max: number) => freeText({ max, multiline: true });

export const ListBusinessesQuery = z.strictObject({
  kecamatan: z.optional(z.string().check(z.regex(KECAMATAN_CODE))),
  kelurahan: z.optional(z.string().check(z.regex(KELURAHAN_CODE))),
  sizeClass: z.optional(z.enum(SIZE_CLASSES)),
  sector: z.optional(z.enum(SECTORS)),
  status: z.optional(z.enum(BUSINESS_STATUSES)),
  ...pageQuery,
});

export const Verification = z
  .strictObject({
    decision: z.optional(z.enum(DECISIONS)),
    note: z.optional(text(1000)),
    certifications: z.optional(
      z
        .array(
          z.strictObject({
            id: z.string().check(z.minLength(1), z.maxLength(40)),
            decision: z.enum(['verified', 'rejected']),
            note: z.optional(text(500)),
          }),
        )
        .check(z.minLength(1), z.maxLength(20)),
    ),
  })
  .check(
    z.refine((value) => value.decision !== undefined || value.certifications !== undefined, {
      error: 'Give a decision, certification decisions, or both.',
    }),
  );

export type VerificationInput = z.output<typeof Verification>;
