import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { counterDeltas, createImportedBusiness, findBusinessBy, getBusiness } from '../businesses/store.ts';
import type { Business } from '../businesses/model.ts';
import { logger } from '../shared/logger.ts';
import { objectWriter, putObject, readObject } from '../shared/objects.ts';
import { importReportKey, importReportPartKey } from '../shared/storage-keys.ts';
import { messageOf, WorkMessage, type ChunkMessage } from './messages.ts';
import type { ImportJob, Outcome } from './model.ts';
import { enqueueImport } from './queue.ts';
import { repairRow, type Row } from './repair.ts';
import { csvLine, REPORT_HEADER } from './report-csv.ts';
import {
  businessIdByNikName,
  chunkCounted,
  claimReporting,
  commitChunk,
  getImport,
  markDone,
  nikNameDigest,
  nikNameGuard,
} from './store.ts';

/** Rows of a chunk written at once (each row is one transaction). */
const ROW_CONCURRENCY = 8;

interface RowResult {
  row: number;
  outcome: Outcome;
  reason: string;
  record: string;
  loose: boolean;
  /** The record this row created (now or in an earlier delivery), for the chunk's counter updates. */
  created?: Business;
}

/** A record someone has taken over: claimed by its owner, or changed since it was imported. */
const takenOver = (business: Business) => business.ownerSub !== undefined || business.version > 1;

async function importRow(job: ImportJob, row: number, cells: Row, now: string): Promise<RowResult> {
  const source = { kind: 'import' as const, importId: job.id, row, label: job.label };
  const outcome = repairRow(cells, source, job.createdBy, now);

  if (outcome.kind === 'rejected')
    return { row, outcome: 'rejected', reason: outcome.reasons.join(' | '), record: '', loose: false };
  const { business, notes } = outcome;
  const loose = notes.some((note) => note.includes('loosely'));
  const digest = business.nib ? undefined : nikNameDigest(business.owner.nik, business.name);
  const written = await createImportedBusiness(business, digest ? [nikNameGuard(digest, business.id)] : [], {
    counters: 'by-caller',
  });
  if (written.outcome === 'created')
    return {
      row,
      outcome: 'imported',
      reason: notes.join('; '),
      record: business.id,
      loose,
      created: business,
    };
  if (written.guard === 'reference') {
    // This row of this import was written by an earlier delivery of the chunk: it counts as imported once.
    const existing = await findBusinessBy({ reference: `${job.id}-${row}` });
    return {
      row,
      outcome: 'imported',
      reason: notes.join('; '),
      record: existing?.id ?? '',
      loose,
      ...(existing ? { created: existing } : {}),
    };
  }
  const existing =
    written.guard === 'nib' && business.nib
      ? await findBusinessBy({ nib: business.nib })
      : digest
        ? await businessIdByNikName(digest).then((id) => (id ? getBusiness(id) : undefined))
        : undefined;
  const by = written.guard === 'nib' ? 'NIB' : 'NIK and business name';
  if (existing && takenOver(existing))
    return {
      row,
      outcome: 'conflict',
      reason: `Same ${by} as a record its owner has claimed or edited: left unchanged.`,
      record: existing.id,
      loose,
    };
  return {
    row,
    outcome: 'matched',
    reason: `Same ${by} as a record on file: left unchanged.`,
    record: existing?.id ?? '',
    loose,
  };
}

/** Runs `work` over `items` with at most `limit` at once, results in order. */
async function inOrder<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index] as T);
      }
    }),
  );
  return results;
}

/**
 * One chunk: every row repaired, checked and written (or matched, or rejected), its report part stored,
 * then its counts added to the job once (`commitChunk`). A chunk delivered again redoes nothing that
 * counts: rows already written are found by their import reference, and a counted chunk is skipped.
 */
export async function importChunk(
  message: ChunkMessage,
  now = () => new Date().toISOString(),
): Promise<void> {
  const job = await getImport(message.importId);
  if (!job || (await chunkCounted(job.id, message.chunk))) return;
  const results = await inOrder(message.rows, ROW_CONCURRENCY, ({ row, cells }) =>
    importRow(job, row, cells as Row, now()),
  );
  await putObject(
    importReportPartKey(job.id, message.chunk),
    results.map((result) => csvLine([result.row, result.outcome, result.reason, result.record])).join(''),
    'text/csv',
  );
  const count = (outcome: Outcome) => results.filter((result) => result.outcome === outcome).length;
  const counted = await commitChunk(
    job.id,
    message.chunk,
    {
      imported: count('imported'),
      matched: count('matched'),
      conflicts: count('conflict'),
      rejected: count('rejected'),
      looseMatches: results.filter((result) => result.loose).length,
    },
    counterDeltas(
      results.flatMap((result) => (result.created ? [{ business: result.created, delta: 1 }] : [])),
    ),
    now(),
  );
  if (counted) await enqueueReportIfComplete(job.id, now());
}

/** When the file is read and every chunk counted, queues the report (exactly once). */
export async function enqueueReportIfComplete(importId: string, now: string): Promise<void> {
  const job = await getImport(importId);
  if (job?.state !== 'importing' || job.chunksTotal === undefined || job.chunksDone !== job.chunksTotal)
    return;
  if (await claimReporting(importId, job.chunksTotal, now))
    await enqueueImport([{ kind: 'report', importId }]);
}

/** The row-level report: the chunks' parts in order, streamed into one object. Redone whole if retried. */
export async function writeReport(importId: string, now = () => new Date().toISOString()): Promise<void> {
  const job = await getImport(importId);
  if (job?.state !== 'reporting') return;
  const report = objectWriter(importReportKey(importId), 'text/csv; charset=utf-8');
  try {
    await report.write(`\uFEFF${REPORT_HEADER}`);
    for (let chunk = 1; chunk <= (job.chunksTotal ?? 0); chunk++)
      for await (const piece of await readObject(importReportPartKey(importId, chunk)))
        await report.write(piece as Buffer);
    await report.close();
  } catch (error) {
    await report.abort().catch(() => undefined);
    throw error;
  }
  await markDone(importId, now());
  logger.info('Import done', {
    importId,
    rows: job.rowsRead,
    imported: job.imported,
    matched: job.matched,
    conflicts: job.conflicts,
    rejected: job.rejected,
  });
}

/**
 * The import queue's consumer: chunks and report messages, each failure reported on its own (the queue
 * retries it, then moves it to its dead-letter queue). A message that is not one of ours is logged by its
 * id only (its cells would hold NIKs) and dropped: no retry would make it valid.
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const message = messageOf(record.body, WorkMessage);
    if (!message.success) {
      logger.error('Import message is not valid; dropped', {
        messageId: record.messageId,
        issues: message.error.issues.length,
      });
      continue;
    }
    try {
      if (message.data.kind === 'chunk') await importChunk(message.data);
      else await writeReport(message.data.importId);
    } catch (error) {
      logger.error('Import message failed', {
        messageId: record.messageId,
        importId: message.data.importId,
        error: (error as Error).name,
      });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}
