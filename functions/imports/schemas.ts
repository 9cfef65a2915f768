import * as z from 'zod/mini';
import { ULID } from '../shared/ids.ts';
import { pageQuery } from '../shared/paging.ts';
import { freeText } from '../shared/text.ts';
import { IMPORT_FILE_FORMATS } from '../shared/storage-keys.ts';
import { IMPORT_FIELDS } from './columns.ts';

/*
 * Request schemas of the import routes (strict: unknown fields are errors), with the descriptions and
 * examples the OpenAPI document shows.
 */

export function described<T extends z.ZodMiniType>(schema: T, description: string, example?: unknown): T {
  const meta: z.core.GlobalMeta = { description, ...(example === undefined ? {} : { examples: [example] }) };
  (schema as z.ZodMiniType).register(z.globalRegistry, meta);
  return schema;
}

export const ImportIdPath = z.strictObject({
  id: described(
    z.string().check(z.regex(ULID, { error: 'Must be an import id (ULID).' })),
    'The import’s id, as `POST /imports` answered it.',
    '01JDX7Q4M5ZK8V3T2N9R6C1B0A',
  ),
});

export const ImportFormat = described(
  z.enum(IMPORT_FILE_FORMATS),
  'The file’s format: `csv` (UTF-8 with or without BOM, `;` or `,` between cells) or `xlsx` (the first sheet, or the one named by `sheet`).',
  'csv',
);

export const StartImportBody = described(
  z.strictObject({
    fileName: described(
      freeText({ max: 200 }),
      'The uploaded file’s name, for the operators’ list (not used as a storage key).',
      'data-umkm-pelatihan-2025.csv',
    ),
    format: ImportFormat,
    source: described(
      freeText({ max: 100 }),
      'Where the records come from, as each imported record’s source will name it (UU PDP: the owner is told at claim).',
      'Pendataan UMKM pelatihan 2025',
    ),
    mapping: z.optional(
      described(
        z
          .record(
            freeText({ max: 100 }),
            z.enum(IMPORT_FIELDS, { error: `Must be one of: ${IMPORT_FIELDS.join(', ')}.` }),
          )
          .check(
            z.refine((value) => Object.keys(value).length <= 60, {
              error: 'At most 60 columns may be mapped.',
            }),
          ),
        'Explicit column mapping, header → field, for headers the import does not know; known headers are mapped without it.',
        { 'Nama Dagang': 'name', 'No KTP Pemilik': 'nik' },
      ),
    ),
    sheet: z.optional(
      described(freeText({ max: 31 }), 'For `xlsx`: the sheet to read (default: the first).', 'Data UMKM'),
    ),
  }),
  'A new import: what the file is; the answer says where to upload it.',
  {
    fileName: 'data-umkm-pelatihan-2025.csv',
    format: 'csv',
    source: 'Pendataan UMKM pelatihan 2025',
  },
);
export type StartImportInput = z.output<typeof StartImportBody>;

export const ListImportsQuery = z.strictObject(pageQuery);

export const TemplateQuery = z.strictObject({
  format: z._default(
    described(z.enum(IMPORT_FILE_FORMATS), 'The template’s format (default `csv`).', 'xlsx'),
    'csv',
  ),
});
