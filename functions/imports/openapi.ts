import * as z from 'zod/mini';
import { Page } from '../shared/paging.ts';
import { IMPORT_STATES } from './model.ts';
import { described, ImportFormat } from './schemas.ts';

/*
 * Response shapes of the import routes, for the OpenAPI document only: `functions/routes.ts` attaches them
 * to the rows, so that no handler bundle carries them.
 */

const count = (description: string, example: number) =>
  described(z.int().check(z.minimum(0)), description, example);
const time = (description: string, example: string) => described(z.string(), description, example);

export const ImportView = described(
  z.object({
    id: described(z.string(), 'The import’s id (ULID).', '01JDX7Q4M5ZK8V3T2N9R6C1B0A'),
    fileName: described(z.string(), 'The file name the operator gave.', 'data-umkm-pelatihan-2025.csv'),
    format: ImportFormat,
    source: described(z.string(), 'The source label each imported record carries.', 'Pendataan UMKM 2025'),
    state: described(
      z.enum(IMPORT_STATES),
      '`awaiting-upload` (no file yet), `parsing` (reading the file and queuing its rows), `importing` (every row queued; workers still writing), `reporting` (writing the row report), `done`, or `failed` (see `error`): the file could not be read, or none arrived in time. The upload URL works 30 minutes; an import whose file has not arrived an hour after its start (30 minutes more for an upload begun in time to finish) is `failed` for good, a file uploaded later is not read, and the import is deleted 30 days after its start.',
      'importing',
    ),
    error: z.optional(
      described(
        z.string(),
        'Why an import failed: its file could not be read, or it did not arrive while the upload URL worked.',
        'The file has no header row.',
      ),
    ),
    rowsRead: count('Data rows read from the file so far (the header not counted).', 1000),
    imported: count('Rows that became new records.', 874),
    matched: count(
      'Rows that are records on file already (same NIB, or same NIK and business name), left unchanged.',
      12,
    ),
    conflicts: count('Rows matching a record its owner has claimed or edited: never overwritten.', 1),
    rejected: count('Rows refused, each with its reason in the report.', 113),
    looseMatches: count('Rows whose kecamatan or kelurahan was matched by a spelling variant.', 40),
    chunksDone: count('Chunks of rows (up to 200 each) the workers have finished.', 5),
    chunksTotal: z.optional(count('Chunks in all, once the whole file is read.', 5)),
    createdBy: described(z.string(), 'The operator who started it (account id).', 'dev-operator-3f1c'),
    createdAt: time('When it was started.', '2026-12-01T03:00:00.000Z'),
    updatedAt: time('Last progress.', '2026-12-01T03:01:10.000Z'),
    finishedAt: z.optional(
      time(
        'When it was done or failed (for a file that never arrived: an hour after the start).',
        '2026-12-01T03:01:12.000Z',
      ),
    ),
  }),
  'An import and its progress; the counters are exact.',
);

const StartedImport = z.object({
  import: ImportView,
  upload: described(
    z.object({
      method: z.literal('PUT'),
      url: described(
        z.string(),
        'The presigned URL to PUT the file to (it starts the import).',
        'https://umkm-hub-files.s3.ap-southeast-3.amazonaws.com/imports/uploads/01JDX7Q4M5ZK8V3T2N9R6C1B0A.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&…',
      ),
      headers: described(
        z.object({ 'content-type': z.string() }),
        'Headers the PUT must carry exactly (they are signed).',
        { 'content-type': 'text/csv' },
      ),
      expiresAt: time('The URL works until then.', '2026-12-01T03:30:00.000Z'),
    }),
    'Where and how to upload the file: one PUT of the whole file, begun before `expiresAt` (after that, the import fails).',
  ),
});

const ReportLink = z.object({
  url: described(
    z.string(),
    'A presigned GET of the row report (CSV: row, outcome, reason, record), valid 15 minutes.',
    'https://umkm-hub-files.s3.ap-southeast-3.amazonaws.com/imports/reports/01JDX7Q4M5ZK8V3T2N9R6C1B0A.csv?X-Amz-Algorithm=AWS4-HMAC-SHA256&…',
  ),
  expiresAt: time('The link works until then.', '2026-12-01T03:16:00.000Z'),
});

export const importResponses = {
  startImport: StartedImport,
  getImport: ImportView,
  listImports: Page(ImportView),
  getImportReport: ReportLink,
};
