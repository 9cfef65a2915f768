import type { ImportJob } from './model.ts';

/** An import as operators see it: its file, its state and its exact counters. */
export function toImportView(job: ImportJob) {
  return {
    id: job.id,
    fileName: job.fileName,
    format: job.format,
    source: job.label,
    state: job.state,
    ...(job.error === undefined ? {} : { error: job.error }),
    rowsRead: job.rowsRead,
    imported: job.imported,
    matched: job.matched,
    conflicts: job.conflicts,
    rejected: job.rejected,
    looseMatches: job.looseMatches,
    chunksDone: job.chunksDone,
    ...(job.chunksTotal === undefined ? {} : { chunksTotal: job.chunksTotal }),
    createdBy: job.createdBy,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    ...(job.finishedAt === undefined ? {} : { finishedAt: job.finishedAt }),
  };
}
export type ImportView = ReturnType<typeof toImportView>;
