import * as z from 'zod/mini';
import { KECAMATAN_CODE, KELURAHAN_CODE } from '../regions/codes.ts';
import { SIZE_CLASSES } from './rules.ts';
import { BUSINESS_STATUSES, SECTORS } from './vocabulary.ts';

/** The registry export: the list's filters, the file format, and whether to include identity data. */
export const ExportBusinessesQuery = z.strictObject({
  kecamatan: z.optional(z.string().check(z.regex(KECAMATAN_CODE))),
  kelurahan: z.optional(z.string().check(z.regex(KELURAHAN_CODE))),
  sizeClass: z.optional(z.enum(SIZE_CLASSES)),
  sector: z.optional(z.enum(SECTORS)),
  status: z.optional(z.enum(BUSINESS_STATUSES)),
  format: z._default(z.enum(['csv']), 'csv'),
  /** `true`: unmasked NIK and contact details; every record so read is recorded for its owner. */
  identity: z._default(z.enum(['true', 'false']), 'false'),
});
