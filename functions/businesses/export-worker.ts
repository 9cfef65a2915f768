import { createInterface } from 'node:readline';
import { randomUUID } from 'node:crypto';
import type {
  Context,
  DynamoDBBatchResponse,
  DynamoDBStreamEvent,
  SQSBatchResponse,
  SQSEvent,
} from 'aws-lambda';
import { recordPersonalDataAccesses } from '../audit/store.ts';
import { derivedId } from '../shared/ids.ts';
import { logger } from '../shared/logger.ts';
import { deleteObject, putObject, readObject } from '../shared/objects.ts';
import { exportChunkKey, exportKey } from '../shared/storage-keys.ts';
import { dataSubjectOf } from './access.ts';
import type { ExportJob } from './export-model.ts';
import { ExportMessage, enqueueExports } from './export-queue.ts';
import { exportCells, exportColumns } from './export-rows.ts';
import { exportFile, type Cell } from './export-files.ts';
import { failExportJob, saveExportJob, takeExportLease } from './export-store.ts';
import { listBusinesses } from './store.ts';

/**
 * The export worker: writes a registry export of any size (the whole city is ~500,000 businesses) to the
 * bucket, in legs that each fit one invocation.
 *
 * A new job item in the table's stream wakes it (the route writes only the job: nothing is half-started
 * if the route fails), and it hands the job to the export queue; each message is one leg. A leg takes the
 * job's lease, then:
 * - **collecting:** pages through the list's index Query from the job's cursor (never a Scan), writes
 *   every `EXPORT_CHUNK_ROWS` rows as one chunk object (JSON lines of cells), and checkpoints the cursor,
 *   the rows and the chunks after each. With identity data, each business is recorded as read by the
 *   operator before its chunk is written; the record's id is derived from the export and the business, so
 *   a chunk written again after a crash records nothing twice.
 * - **assembling:** streams the chunks, in order, into the CSV or XLSX file (multipart upload: memory
 *   flat), then marks the job done and deletes the chunks.
 * When less than `RESERVE_MS` is left (or, before assembling, less than the file is expected to take), the
 * leg checkpoints, gives up the lease and queues the next leg. A leg that fails gives up its lease and the
 * message comes back (SQS); after `MAX_RECEIVES` tries the job is marked failed with a reason.
 */
const CHUNK_ROWS = Number(process.env.EXPORT_CHUNK_ROWS ?? 5_000);
const PAGE = 500;
/** Time kept in hand for the checkpoint and the next leg's message. */
const RESERVE_MS = Number(process.env.EXPORT_RESERVE_MS ?? 60_000);
/** What writing one row into the file is budgeted at (measured well below, `npm run bench -- --only export`). */
const ASSEMBLE_MS_PER_ROW = 0.5;
export const MAX_RECEIVES = 3;
/** Legs a job may take before it is given up (a loop would otherwise run for ever). */
const MAX_LEGS = 40;

export type LegOutcome = 'done' | 'continued' | 'busy' | 'failed';

/** One leg of an export job: collect or assemble until done or short of time. */
export async function runExportLeg(exportId: string, remainingMs: () => number): Promise<LegOutcome> {
  const token = randomUUID();
  const now = Date.now();
  const taken = await takeExportLease(exportId, token, now, now + remainingMs());
  if (!taken) return 'busy';
  let job: ExportJob = taken;
  const save = (changes: Partial<ExportJob>, options?: Parameters<typeof saveExportJob>[3]) =>
    saveExportJob(exportId, token, { ...changes, updatedAt: new Date().toISOString() }, options);
  const handOn = async (changes: Partial<ExportJob> = {}) => {
    if (!(await save(changes, { release: true }))) return 'busy';
    await enqueueExports([{ exportId }]);
    return 'continued';
  };
  try {
    if (job.legs > MAX_LEGS) {
      await failExportJob(exportId, `The export did not finish in ${MAX_LEGS} invocations.`, Date.now());
      return 'failed';
    }
    if (job.state !== 'assembling') {
      if (job.state === 'queued' && !(await save({ state: 'collecting' }))) return 'busy';
      const collected = await collect({ ...job, state: 'collecting' }, remainingMs, save);
      if (collected === 'lost') return 'busy';
      if (collected === 'short') return await handOn();
      job = { ...collected, state: 'assembling' };
      if (!(await save({ state: 'assembling' }))) return 'busy';
      // Collecting took time: a fresh leg, with the whole timeout, writes the file.
      if (remainingMs() < RESERVE_MS + job.rows * ASSEMBLE_MS_PER_ROW) return await handOn();
    } else if (remainingMs() < RESERVE_MS + job.rows * ASSEMBLE_MS_PER_ROW) {
      await failExportJob(exportId, 'The export is too large to write in one invocation.', Date.now());
      return 'failed';
    }
    return await assemble(job, remainingMs, save, handOn);
  } catch (error) {
    // Give the job up for the message's next delivery; the error goes to the caller (SQS retries).
    await saveExportJob(exportId, token, {}, { release: true }).catch(() => undefined);
    throw error;
  }
}

type Save = (changes: Partial<ExportJob>, options?: Parameters<typeof saveExportJob>[3]) => Promise<boolean>;

/** Collects chunks from the checkpoint on; the job when every row is in a chunk. */
async function collect(
  start: ExportJob,
  remainingMs: () => number,
  save: Save,
): Promise<ExportJob | 'short' | 'lost'> {
  const columns = exportColumns(start.identity);
  let job = start;
  let rows: Cell[][] = [];
  let audits: Parameters<typeof recordPersonalDataAccesses>[0][number][] = [];
  let cursor = job.cursor;
  let more = job.chunks === 0 || cursor !== undefined;
  while (more) {
    const page = await listBusinesses(job.filters, { limit: PAGE, ...(cursor ? { cursor } : {}) });
    cursor = page.cursor;
    more = cursor !== undefined;
    for (const business of page.items) {
      rows.push(exportCells(columns, business));
      if (job.identity)
        audits.push({
          subjectSub: dataSubjectOf(business),
          id: derivedId(Date.parse(job.requestedAt), `${job.id}:${business.id}`),
          access: {
            at: job.requestedAt,
            by: job.requestedBy,
            action: 'read',
            record: { kind: 'business', id: business.id },
          },
        });
    }
    // A chunk ends on a page boundary, so that the cursor after it is where the next one starts.
    if (rows.length < CHUNK_ROWS && more) continue;
    if (rows.length > 0 || job.chunks === 0) {
      await recordPersonalDataAccesses(audits);
      await putObject(
        exportChunkKey(job.id, job.chunks + 1),
        rows.map((row) => JSON.stringify(row)).join('\n'),
        'application/x-ndjson',
      );
    }
    const checkpoint: Partial<ExportJob> = {
      rows: job.rows + rows.length,
      chunks: rows.length > 0 || job.chunks === 0 ? job.chunks + 1 : job.chunks,
      ...(cursor ? { cursor } : {}),
    };
    if (!(await save(checkpoint, cursor ? {} : { remove: ['cursor'] }))) return 'lost';
    const { cursor: _previous, ...rest } = job;
    job = { ...rest, ...checkpoint };
    rows = [];
    audits = [];
    if (more && remainingMs() < RESERVE_MS) return 'short';
  }
  return job;
}

/** Writes the file from the chunks, marks the job done and removes the chunks. */
async function assemble(
  job: ExportJob,
  remainingMs: () => number,
  save: Save,
  handOn: (changes?: Partial<ExportJob>) => Promise<LegOutcome>,
): Promise<LegOutcome> {
  const header = exportColumns(job.identity).map((column) => column.header);
  const file = exportFile(job.format, exportKey(job.id, job.format), header);
  try {
    for (let chunk = 1; chunk <= job.chunks; chunk++) {
      // Too little time to finish: drop the partial upload and start over in a fresh leg.
      if (remainingMs() < RESERVE_MS / 2) {
        await file.abort();
        return await handOn();
      }
      const lines = createInterface({ input: await readObject(exportChunkKey(job.id, chunk)) });
      let batch: Cell[][] = [];
      for await (const line of lines) {
        if (line.length === 0) continue;
        batch.push(JSON.parse(line) as Cell[]);
        if (batch.length >= PAGE) {
          await file.add(batch);
          batch = [];
        }
      }
      await file.add(batch);
    }
    const bytes = await file.close();
    const finishedAt = new Date().toISOString();
    if (!(await save({ state: 'done', bytes, finishedAt }, { release: true }))) return 'busy';
  } catch (error) {
    await file.abort().catch(() => undefined);
    throw error;
  }
  for (let chunk = 1; chunk <= job.chunks; chunk++) await deleteObject(exportChunkKey(job.id, chunk));
  logger.info('export written', { exportId: job.id, rows: job.rows, format: job.format });
  return 'done';
}

const isStreamEvent = (event: SQSEvent | DynamoDBStreamEvent): event is DynamoDBStreamEvent =>
  event.Records[0]?.eventSource === 'aws:dynamodb';

/**
 * The Lambda entry: stream records of new jobs are handed to the queue (a stream shard is never held up
 * by a long export); queue messages run a leg each.
 */
export async function handler(
  event: SQSEvent | DynamoDBStreamEvent,
  context?: Pick<Context, 'getRemainingTimeInMillis'>,
): Promise<SQSBatchResponse | DynamoDBBatchResponse> {
  if (isStreamEvent(event)) {
    for (const record of event.Records) {
      const exportId = record.dynamodb?.NewImage?.id?.S;
      try {
        if (exportId) await enqueueExports([{ exportId }]);
      } catch (error) {
        logger.error('could not queue an export', { exportId, error: (error as Error).name });
        return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
      }
    }
    return { batchItemFailures: [] };
  }
  const remainingMs = () => context?.getRemainingTimeInMillis() ?? 15 * 60_000;
  const failures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    const message = ExportMessage.safeParse(safeJson(record.body));
    if (!message.success) {
      logger.error('malformed export message dropped', { messageId: record.messageId });
      continue;
    }
    const { exportId } = message.data;
    try {
      const outcome = await runExportLeg(exportId, remainingMs);
      logger.info('export leg', { exportId, outcome });
    } catch (error) {
      const receives = Number(record.attributes.ApproximateReceiveCount ?? 1);
      logger.error('export leg failed', { exportId, receives, error: (error as Error).name });
      if (receives >= MAX_RECEIVES)
        await failExportJob(
          exportId,
          `The export failed ${receives} times (${(error as Error).name}).`,
          Date.now(),
        );
      else failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
