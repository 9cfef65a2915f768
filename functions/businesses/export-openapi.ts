import * as z from 'zod/mini';
import type { AnyRoute } from '../shared/route.ts';
import { EXPORT_FILE_FORMATS } from '../shared/storage-keys.ts';
import * as routes from './export-routes.ts';
import { EXPORT_STATES } from './export-model.ts';

/** The export job as the API shows it (202 of `GET /businesses/export`, and `GET /exports/{id}`). */
const describe = <T extends z.ZodMiniType>(schema: T, description: string, examples?: unknown[]): T => {
  z.globalRegistry.add(schema, { description, ...(examples ? { examples } : {}) });
  return schema;
};

export const ExportJobView = describe(
  z.object({
    id: describe(z.string(), 'The export’s id (ULID).', ['01KBCX7M3Q9V2W8Y4Z6A0B1C2D']),
    state: describe(
      z.enum(EXPORT_STATES),
      '`queued`, `collecting` (reading the registry), `assembling` (writing the file), `done` (the file can be downloaded) or `failed`.',
      ['done'],
    ),
    format: describe(z.enum(EXPORT_FILE_FORMATS), 'The file format asked for.', ['xlsx']),
    identity: describe(
      z.boolean(),
      'The file holds unmasked NIKs and contacts; each record written was recorded as read by the operator who asked.',
      [false],
    ),
    filters: describe(
      z.object({
        kecamatan: z.optional(z.string()),
        kelurahan: z.optional(z.string()),
        sizeClass: z.optional(z.string()),
        sector: z.optional(z.string()),
        status: z.optional(z.string()),
      }),
      'The list filters the export was asked with.',
      [{ kecamatan: '32.75.01' }],
    ),
    rows: describe(z.number(), 'Rows read so far; the number of rows in the file once done.', [48213]),
    requestedAt: describe(z.string(), 'When the operator asked (ISO 8601).', ['2026-12-01T04:10:00.000Z']),
    updatedAt: describe(z.string(), 'When the worker last reported progress.', ['2026-12-01T04:11:42.000Z']),
    finishedAt: z.optional(
      describe(z.string(), 'When the export was done or failed.', ['2026-12-01T04:11:42.000Z']),
    ),
    error: z.optional(
      describe(z.string(), 'Why it failed (never any personal data).', [
        'The export failed 3 times (ObjectStoreError).',
      ]),
    ),
    download: z.optional(
      describe(
        z.object({
          url: describe(
            z.string(),
            'A presigned S3 link; anyone holding it can download the file until it expires.',
            [
              'https://umkm-hub-prod-files.s3.ap-southeast-3.amazonaws.com/exports/01KBCX7M3Q9V2W8Y4Z6A0B1C2D.xlsx?X-Amz-Expires=900',
            ],
          ),
          expiresAt: describe(
            z.string(),
            'When the link stops working (15 minutes; ask again for a new one).',
            ['2026-12-01T04:26:42.000Z'],
          ),
          fileName: describe(z.string(), 'The name the browser saves the file as.', [
            'umkm-kota-bekasi-2026-12-01.xlsx',
          ]),
          bytes: describe(z.number(), 'The file’s size.', [5_242_880]),
        }),
        'Only when done: where to download the file. The file itself is deleted a day after the export.',
      ),
    ),
  }),
  'An asynchronous registry export and, once done, the link to its file.',
  [
    {
      id: '01KBCX7M3Q9V2W8Y4Z6A0B1C2D',
      state: 'done',
      format: 'xlsx',
      identity: false,
      filters: { kecamatan: '32.75.01' },
      rows: 48213,
      requestedAt: '2026-12-01T04:10:00.000Z',
      updatedAt: '2026-12-01T04:11:42.000Z',
      finishedAt: '2026-12-01T04:11:42.000Z',
      download: {
        url: 'https://umkm-hub-prod-files.s3.ap-southeast-3.amazonaws.com/exports/01KBCX7M3Q9V2W8Y4Z6A0B1C2D.xlsx?X-Amz-Expires=900',
        expiresAt: '2026-12-01T04:26:42.000Z',
        fileName: 'umkm-kota-bekasi-2026-12-01.xlsx',
        bytes: 5242880,
      },
    },
  ],
);

/** The export rows with their answers' shapes, for the route manifest (no handler bundle carries these). */
export const exportBusinesses: AnyRoute = {
  ...routes.exportBusinesses,
  response: {
    ...routes.exportBusinesses.response,
    others: (routes.exportBusinesses.response.others ?? []).map((other) => ({
      ...other,
      schema: ExportJobView,
    })),
  },
};
export const getBusinessExport: AnyRoute = {
  ...routes.getBusinessExport,
  response: { ...routes.getBusinessExport.response, schema: ExportJobView },
};
