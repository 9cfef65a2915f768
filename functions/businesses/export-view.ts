import type { ExportFileFormat } from '../shared/storage-keys.ts';
import type { ExportJob } from './export-model.ts';

/** What the API shows of an export job (the worker's lease and checkpoint cursor stay inside). */
export const exportView = (job: ExportJob, download?: { url: string; expiresAt: string }) => ({
  id: job.id,
  state: job.state,
  format: job.format,
  identity: job.identity,
  filters: job.filters,
  rows: job.rows,
  requestedAt: job.requestedAt,
  updatedAt: job.updatedAt,
  ...(job.finishedAt ? { finishedAt: job.finishedAt } : {}),
  ...(job.error ? { error: job.error } : {}),
  ...(download
    ? { download: { ...download, fileName: exportFileName(job.requestedAt, job.format), bytes: job.bytes ?? 0 } }
    : {}),
});

/** The file name a download is saved as: the registry and the day it was asked for (WIB). */
export const exportFileName = (at: string, format: ExportFileFormat) =>
  `umkm-kota-bekasi-${new Date(Date.parse(at) + 7 * 3600_000).toISOString().slice(0, 10)}.${format}`;

/** Where a job is read. */
export const exportLocation = (id: string) => `/exports/${id}`;
