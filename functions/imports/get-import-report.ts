import { httpHandler } from '../shared/http.ts';
import { presignObjectUrl } from '../shared/presign.ts';
import { conflict, notFound } from '../shared/problem.ts';
import { importReportKey } from '../shared/storage-keys.ts';
import { getImportReport } from './routes.ts';
import { getImport } from './store.ts';
import { asOf } from './upload-window.ts';

/** How long the report link works (it lists NIK-free outcomes, but names records). */
const LINK_SECONDS = 15 * 60;

/**
 * A presigned GET of the row report once the import is done. The answer is the link as JSON rather than a
 * 303 to it: an operation without a 2xx fails the contract lint, and a console shows the link as it likes.
 */
export const handler = httpHandler(getImportReport, async ({ path }) => {
  const stored = await getImport(path.id);
  if (!stored) throw notFound('No such import.');
  const job = asOf(stored, new Date().toISOString());
  if (job.state !== 'done')
    throw conflict(
      job.state === 'failed'
        ? 'The import failed before it had a report; see its error.'
        : 'The import is not done yet; its report is written when every row is.',
    );
  const url = await presignObjectUrl('GET', importReportKey(job.id), {
    expiresInSeconds: LINK_SECONDS,
    downloadName: `laporan-impor-${job.id}.csv`,
  });
  return {
    body: { url, expiresAt: new Date(Date.now() + LINK_SECONDS * 1000).toISOString() },
    headers: { 'Cache-Control': 'no-store' },
  };
});
