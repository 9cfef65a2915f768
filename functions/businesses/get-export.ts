import { httpHandler } from '../shared/http.ts';
import { presignObjectUrl } from '../shared/presign.ts';
import { notFound } from '../shared/problem.ts';
import { exportKey } from '../shared/storage-keys.ts';
import { getBusinessExport as route } from './export-routes.ts';
import { findExportJob } from './export-store.ts';
import { exportFileName, exportView } from './export-view.ts';

/** How long a download link works; asking again gives a fresh one. */
const LINK_SECONDS = 15 * 60;

/**
 * An export job, for the operator who started it only: the file may hold identity data recorded as read
 * by them, so another operator's link would be a read nobody recorded (404, as for a job that is not there).
 */
export const handler = httpHandler(route, async ({ path, caller }) => {
  const job = await findExportJob(path.id);
  if (!job || job.requestedBy !== caller.sub) throw notFound('No such export.');
  const download =
    job.state === 'done'
      ? {
          url: await presignObjectUrl('GET', exportKey(job.id, job.format), {
            expiresInSeconds: LINK_SECONDS,
            downloadName: exportFileName(job.requestedAt, job.format),
          }),
          expiresAt: new Date(Date.now() + LINK_SECONDS * 1000).toISOString(),
        }
      : undefined;
  return { body: exportView(job, download), headers: { 'Cache-Control': 'private, no-store' } };
});
