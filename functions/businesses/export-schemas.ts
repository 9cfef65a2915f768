import * as z from 'zod/mini';
import { KECAMATAN_CODE, KELURAHAN_CODE } from '../regions/codes.ts';
import { ULID } from '../shared/ids.ts';
import { EXPORT_FILE_FORMATS } from '../shared/storage-keys.ts';
import { SIZE_CLASSES } from './rules.ts';
import { BUSINESS_STATUSES, SECTORS } from './vocabulary.ts';

/** The registry export: the list's filters, the file format, and whether to include identity data. */
export const ExportBusinessesQuery = z.strictObject({
  kecamatan: z.optional(
    z.string().check(z.regex(KECAMATAN_CODE), z.describe('Only businesses in this kecamatan (code).')),
  ),
  kelurahan: z.optional(
    z.string().check(z.regex(KELURAHAN_CODE), z.describe('Only businesses in this kelurahan (code).')),
  ),
  sizeClass: z.optional(z.enum(SIZE_CLASSES).check(z.describe('Only this size class.'))),
  sector: z.optional(z.enum(SECTORS).check(z.describe('Only this sector.'))),
  status: z.optional(z.enum(BUSINESS_STATUSES).check(z.describe('Only this status.'))),
  format: z.optional(
    z
      .enum(EXPORT_FILE_FORMATS)
      .check(
        z.describe(
          '`csv` (UTF-8 with BOM) or `xlsx`. Without it the `Accept` header decides: the XLSX media type asks for XLSX, anything else gets CSV.',
        ),
      ),
  ),
  /** `true`: unmasked NIK and contact details; every record so read is recorded for its owner. */
  identity: z._default(
    z
      .enum(['true', 'false'])
      .check(
        z.describe(
          '`true`: the unmasked NIK, phone and email, and every record written is recorded as read by the caller for its owner (`GET /me/data`).',
        ),
      ),
    'false',
  ),
});

/** `{id}` of an export job: a ULID. */
export const ExportIdPath = z.strictObject({
  id: z.string().check(z.regex(ULID, { error: 'Must be an export id (ULID).' })),
});
