import type { Context, S3ObjectCreatedNotificationEvent } from 'aws-lambda';
import { logger } from '../shared/logger.ts';
import { readObject } from '../shared/objects.ts';
import { parseImportUploadKey } from '../shared/storage-keys.ts';
import type { ChunkMessage } from './model.ts';
import { ImportFileError, readRows } from './parse.ts';
import { enqueueImport } from './queue.ts';
import {
  checkpointPlanning,
  enqueueReportIfComplete,
  failImport,
  finishPlanning,
  getImport,
  startParsing,
} from './store.ts';

/** Rows per chunk: a worker's unit of work and of counting; well under SQS's 256 KiB per message. */
export const CHUNK_ROWS = 200;
const MAX_MESSAGE_BYTES = 200_000;

/**
 * The upload arrived (S3 → EventBridge → here): reads the file as a stream, cuts it into chunks of rows
 * and queues them for the workers, checkpointing after each chunk. Woken again for the same file (a
 * retried event after a crash), it reads the file again but queues only the chunks after its checkpoint;
 * a chunk queued twice is counted once (the workers' chunk markers). Memory holds one chunk at a time.
 */
export async function planImport(
  importId: string,
  format: 'csv' | 'xlsx',
  { chunkRows = CHUNK_ROWS, now = () => new Date().toISOString() } = {},
) {
  const job = await getImport(importId);
  if (!job || job.format !== format) return logger.warn('Upload for no such import', { importId });
  if (!(await startParsing(importId, now()))) return; // read already (or failed): nothing to do again
  let chunk: ChunkMessage['rows'] = [];
  let chunkBytes = 0;
  let chunks = 0;
  let rowsRead = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    chunks++;
    if (chunks > job.chunksPlanned)
      await enqueueImport([{ kind: 'chunk', importId, chunk: chunks, rows: chunk }]);
    chunk = [];
    chunkBytes = 0;
    if (chunks > job.chunksPlanned) await checkpointPlanning(importId, rowsRead, chunks, now());
  };
  try {
    const file = await readObject(`imports/uploads/${importId}.${format}`);
    for await (const { row, cells } of readRows(file, {
      format,
      ...(job.mapping ? { mapping: job.mapping } : {}),
      ...(job.sheet ? { sheet: job.sheet } : {}),
    })) {
      rowsRead = row;
      const size = JSON.stringify(cells).length;
      if (chunk.length >= chunkRows || chunkBytes + size > MAX_MESSAGE_BYTES) await flush();
      chunk.push({ row, cells: cells });
      chunkBytes += size;
    }
    await flush();
  } catch (error) {
    if (error instanceof ImportFileError || isUnreadable(error)) {
      logger.warn('Import file unreadable', { importId, reason: (error as Error).message });
      await failImport(
        importId,
        error instanceof ImportFileError ? error.message : 'The file is not a readable CSV or XLSX file.',
        now(),
      );
      return;
    }
    throw error;
  }
  await finishPlanning(importId, rowsRead, chunks, now());
  logger.info('Import planned', { importId, rows: rowsRead, chunks });
  await enqueueReportIfComplete(importId, now());
}

/** Parser errors (bad zip, malformed CSV): the file, not the system, is at fault. */
const isUnreadable = (error: unknown) =>
  error instanceof Error &&
  (('code' in error && typeof error.code === 'string' && error.code.startsWith('CSV_')) ||
    /zip|end of central directory|invalid signature|xml|sax/i.test(error.message));

export async function handler(event: S3ObjectCreatedNotificationEvent, _context?: Context): Promise<void> {
  const upload = parseImportUploadKey(event.detail.object.key);
  if (!upload)
    return logger.warn('Object outside the import uploads', { key: event.detail.object.key.slice(0, 80) });
  await planImport(upload.importId, upload.format);
}
