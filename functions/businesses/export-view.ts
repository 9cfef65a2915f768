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
    ? {
        download: {
          ...download,
          fileName: exportFileName(job.requestedAt, job.format),
          bytes: job.bytes ?? 0,
        },
      }
    : {}),
});

/** The file name a download is saved as: the registry and the day it was asked for (WIB). */
export const exportFileName = (at: string, format: ExportFileFormat) =>
  `umkm-kota-bekasi-${new Date(Date.parse(at) + 7 * 3600_000).toISOString().slice(0, 10)}.${format}`;

/** Where a job is read. */
export const exportLocation = (id: string) => `/exports/${id}`;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The file format of an export: `format` when given, else what `Accept` ranks highest of the XLSX media
 * type and `text/csv` (q-values honoured; `q=0` refuses); CSV when it names neither.
 */
export function exportFormatOf(asked: ExportFileFormat | undefined, accept = ''): ExportFileFormat {
  if (asked) return asked;
  const ranked = accept
    .split(',')
    .map((part) => {
      const [type = '', ...params] = part.trim().toLowerCase().split(';');
      const q = Number(/q=([\d.]+)/.exec(params.join(';'))?.[1] ?? 1);
      return { type: type.trim(), q: Number.isFinite(q) ? q : 0 };
    })
    .filter((entry) => entry.q > 0 && (entry.type === XLSX || entry.type === 'text/csv'))
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.type === XLSX ? 'xlsx' : 'csv';
}
