import type { Context, S3ObjectCreatedNotificationEvent, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { logger } from '../shared/logger.ts';
import { readObject } from '../shared/objects.ts';
import { importUploadKey, parseImportUploadKey } from '../shared/storage-keys.ts';
import { messageOf, PlanMessage, type ChunkMessage } from './messages.ts';
import { ImportFileError, readRows } from './parse.ts';
import { enqueueImport } from './queue.ts';
import {
  checkpointPlanning,
  enqueueReportIfComplete,
  failImport,
  finishPlanning,
  failLateUpload,
  getImport,
  startParsing,
} from './store.ts';
import { asOf, UPLOAD_WINDOW_PASSED } from './upload-window.ts';

/** Rows per chunk: a worker's unit of work and of counting; well under SQS's 256 KiB per message. */
export const CHUNK_ROWS = 200;
const MAX_MESSAGE_BYTES = 200_000;
/**
 * An invocation stops queuing chunks when less than this is left of its time and hands on to a
 * continuation message (the plan queue wakes the planner again, which resumes from the checkpoint): with
 * the row's 15 minutes an invocation works at most 12, whatever the file's size.
 */
export const STOP_BEFORE_MS = 3 * 60_000;
/** Larger uploads fail at once (a presigned PUT cannot bound the size): 500,000 rows are ~150 MB of CSV. */
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

export interface PlanOptions {
  chunkRows?: number;
  now?: () => string;
  /** Time left in this invocation (Lambda's `getRemainingTimeInMillis`); unbounded when absent. */
  remainingMs?: () => number;
  stopBeforeMs?: number;
}

export type PlanOutcome = 'planned' | 'continued' | 'skipped' | 'failed';

/**
 * The upload arrived (S3 → EventBridge → here), or a continuation message: reads the file as a stream,
 * cuts it into chunks of rows and queues them for the workers, checkpointing after each chunk. Woken again
 * for the same file (a continuation, or a retried event after a crash), it reads the file again but queues
 * only the chunks after its checkpoint; a chunk queued twice is counted once (the workers' chunk markers).
 * Memory holds one chunk at a time. When its time runs short it queues its own continuation and returns.
 */
export async function planImport(
  importId: string,
  format: 'csv' | 'xlsx',
  {
    chunkRows = CHUNK_ROWS,
    now = () => new Date().toISOString(),
    remainingMs = () => Number.POSITIVE_INFINITY,
    stopBeforeMs = STOP_BEFORE_MS,
  }: PlanOptions = {},
): Promise<PlanOutcome> {
  const job = await getImport(importId);
  if (!job || job.format !== format) {
    logger.warn('Upload for no such import', { importId });
    return 'skipped';
  }
  const arrivedAt = now();
  const seen = asOf(job, arrivedAt);
  if (seen.state !== job.state) {
    // Too late: operators see the job failed already; the file is not read.
    logger.warn('Upload after the upload deadline; not imported', { importId });
    await failLateUpload(
      importId,
      seen.error ?? UPLOAD_WINDOW_PASSED,
      arrivedAt,
      seen.finishedAt ?? arrivedAt,
    );
    return 'failed';
  }
  if (!(await startParsing(importId, arrivedAt))) return 'skipped'; // read already, failed, or too late
  let chunk: ChunkMessage['rows'] = [];
  let chunkBytes = 0;
  let chunks = 0;
  let rowsRead = 0;
  let queuedHere = 0;
  const resumeAfter = job.chunksPlanned;
  const flush = async () => {
    if (chunk.length === 0) return;
    chunks++;
    if (chunks > resumeAfter) {
      await enqueueImport([{ kind: 'chunk', importId, chunk: chunks, rows: chunk }]);
      await checkpointPlanning(importId, chunk.at(-1)?.row ?? rowsRead, chunks, now());
      queuedHere++;
    }
    chunk = [];
    chunkBytes = 0;
  };
  // Only after queuing something itself (a continuation that only skipped would loop for ever).
  const outOfTime = () => queuedHere > 0 && remainingMs() < stopBeforeMs;
  try {
    const file = await readObject(importUploadKey(importId, format));
    for await (const { row, cells } of readRows(file, {
      format,
      ...(job.mapping ? { mapping: job.mapping } : {}),
      ...(job.sheet ? { sheet: job.sheet } : {}),
    })) {
      rowsRead = row;
      const size = JSON.stringify(cells).length;
      if (chunk.length >= chunkRows || chunkBytes + size > MAX_MESSAGE_BYTES) {
        await flush();
        if (outOfTime()) {
          file.destroy();
          await enqueueImport([{ kind: 'plan', importId, format }]);
          logger.info('Import planning continues in a new invocation', { importId, chunks });
          return 'continued';
        }
      }
      chunk.push({ row, cells });
      chunkBytes += size;
    }
    await flush();
  } catch (error) {
    if (error instanceof ImportFileError || isUnreadable(error)) {
      logger.warn('Import file unreadable', { importId, reason: (error as Error).message.slice(0, 200) });
      await failImport(
        importId,
        error instanceof ImportFileError ? error.message : 'The file is not a readable CSV or XLSX file.',
        now(),
      );
      return 'failed';
    }
    throw error;
  }
  await finishPlanning(importId, rowsRead, chunks, now());
  logger.info('Import planned', { importId, rows: rowsRead, chunks });
  await enqueueReportIfComplete(importId, now());
  return 'planned';
}

/** Parser errors (bad zip, malformed CSV): the file, not the system, is at fault. */
const isUnreadable = (error: unknown) =>
  error instanceof Error &&
  (('code' in error && typeof error.code === 'string' && error.code.startsWith('CSV_')) ||
    /zip|end of central directory|invalid signature|xml|sax/i.test(error.message));

type PlannerContext = Pick<Context, 'getRemainingTimeInMillis'>;

/** An upload: checked against its key and size, then planned. */
async function uploaded(event: S3ObjectCreatedNotificationEvent, context?: PlannerContext): Promise<void> {
  const upload = parseImportUploadKey(event.detail.object.key);
  if (!upload) {
    logger.warn('Object outside the import uploads', { key: event.detail.object.key.slice(0, 80) });
    return;
  }
  if (event.detail.object.size > MAX_UPLOAD_BYTES) {
    const job = await getImport(upload.importId);
    if (job?.state === 'awaiting-upload')
      await failImport(
        upload.importId,
        `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MiB; split it into several imports.`,
        new Date().toISOString(),
      );
    return;
  }
  await planImport(upload.importId, upload.format, remaining(context));
}

const remaining = (context?: PlannerContext): PlanOptions =>
  context ? { remainingMs: () => context.getRemainingTimeInMillis() } : {};

/** The planner's continuations, from its plan queue (batch size 1). */
async function continued(event: SQSEvent, context?: PlannerContext): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const message = messageOf(record.body, PlanMessage);
    if (!message.success) {
      logger.error('Import plan message is not valid; dropped', { messageId: record.messageId });
      continue;
    }
    try {
      await planImport(message.data.importId, message.data.format, remaining(context));
    } catch (error) {
      logger.error('Import planning failed; it will be retried', {
        messageId: record.messageId,
        importId: message.data.importId,
        errorName: (error as Error).name,
      });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}

export async function handler(
  event: S3ObjectCreatedNotificationEvent | SQSEvent,
  context?: PlannerContext,
): Promise<SQSBatchResponse | void> {
  if ('Records' in event) return continued(event, context);
  return uploaded(event, context);
}
