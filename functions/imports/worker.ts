import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import {
  counterDeltas,
  createImportedBusinesses,
  findBusinessBy,
  getBusiness,
  type ImportedEntry,
  type ImportedOutcome,
} from '../businesses/store.ts';
import type { Business } from '../businesses/model.ts';
import { inOrder } from '../shared/in-order.ts';
import { logger } from '../shared/logger.ts';
import { prerequisites } from '../shared/prerequisites.ts';
import { objectWriter, putObject, readObject } from '../shared/objects.ts';
import { importReportKey, importReportPartKey } from '../shared/storage-keys.ts';
import { messageOf, WorkMessage, type ChunkMessage } from './messages.ts';
import type { ImportJob, Outcome } from './model.ts';
import { repairRow } from './repair.ts';
import { csvLine, REPORT_HEADER } from './report-csv.ts';
import { businessIdByNikName, nikNameDigest, nikNameGuard, nikNameGuardTakeover } from './nik-name.ts';
import { chunkCounted, commitChunk, enqueueReportIfComplete, getImport, markDone } from './store.ts';

/** Rows of a chunk whose existing record is looked up at once (duplicates only). */
const LOOKUPS_AT_ONCE = 8;

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

/** A valid row on its way to the table: its record, the NIK + name guard's digest (no NIB), the notes. */
interface Candidate {
  row: number;
  business: ImportedEntry['business'];
  digest?: string;
  notes: string[];
  loose: boolean;
}

/** A row whose record this import wrote (`record`: now, or in an earlier delivery; absent if erased since). */
const importedResult = ({ row, notes, loose }: Candidate, record: Business | undefined): RowResult => ({
  row,
  outcome: 'imported',
  reason: notes.join('; '),
  record: record?.id ?? '',
  loose,
  ...(record ? { created: record } : {}),
});

/** What a row that found its record on file comes to: imported (an earlier delivery), matched or a conflict. */
async function duplicateResult(
  candidate: Candidate,
  guard: ImportedOutcome & { outcome: 'duplicate' },
): Promise<RowResult> {
  const { row, business, digest, loose } = candidate;
  if (guard.guard === 'reference') {
    // This row of this import was written by an earlier delivery of the chunk: it counts as imported once.
    return importedResult(candidate, await getBusiness(business.id));
  }
  let existing: Business | undefined;
  if (guard.guard === 'nib' && business.nib) existing = await findBusinessBy({ nib: business.nib });
  else if (digest) {
    const holder = await businessIdByNikName(digest);
    existing = holder ? await getBusiness(holder) : undefined;
    // A guard left by a record that is no more (erased after its owner changed the NIK or name it was
    // keyed by): this row takes it over, in its own transaction, unless someone else did meanwhile.
    if (holder && !existing) {
      const [outcome] = await createImportedBusinesses(
        [{ business, extra: [nikNameGuardTakeover(digest, business.id, holder)] }],
        { counters: 'by-caller' },
      );
      if (outcome?.outcome === 'created') return importedResult(candidate, business);
    }
  }
  const by = guard.guard === 'nib' ? 'NIB' : 'NIK and business name';
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

/**
 * A chunk's rows: each repaired (or rejected with its reasons), the valid ones written together
 * (`createImportedBusinesses`: each row all or nothing, many rows per transaction), and the rows whose
 * record was on file already resolved to imported (an earlier delivery), matched or a conflict.
 */
async function importRows(job: ImportJob, rows: ChunkMessage['rows'], now: string): Promise<RowResult[]> {
  const results: (RowResult | undefined)[] = rows.map(() => undefined);
  const candidates: { at: number; candidate: Candidate }[] = [];
  rows.forEach(({ row, cells }, at) => {
    const source = { kind: 'import' as const, importId: job.id, row, label: job.label };
    const outcome = repairRow(cells, source, job.createdBy, now);
    if (outcome.kind === 'rejected') {
      results[at] = {
        row,
        outcome: 'rejected',
        reason: outcome.reasons.join(' | '),
        record: '',
        loose: false,
      };
      return;
    }
    const { business, notes } = outcome;
    candidates.push({
      at,
      candidate: {
        row,
        business,
        notes,
        loose: notes.some((note) => note.includes('loosely')),
        ...(business.nib ? {} : { digest: nikNameDigest(business.owner.nik, business.name) }),
      },
    });
  });
  const written = await createImportedBusinesses(
    candidates.map(({ candidate: { business, digest } }) => ({
      business,
      extra: digest ? [nikNameGuard(digest, business.id)] : [],
    })),
    { counters: 'by-caller' },
  );
  const duplicates: {
    at: number;
    candidate: Candidate;
    guard: ImportedOutcome & { outcome: 'duplicate' };
  }[] = [];
  candidates.forEach(({ at, candidate }, index) => {
    const outcome = written[index];
    if (outcome?.outcome === 'duplicate') duplicates.push({ at, candidate, guard: outcome });
    else results[at] = importedResult(candidate, candidate.business);
  });
  const resolved = await inOrder(duplicates, LOOKUPS_AT_ONCE, ({ candidate, guard }) =>
    duplicateResult(candidate, guard),
  );
  duplicates.forEach(({ at }, index) => (results[at] = resolved[index]));
  return results.filter((result): result is RowResult => result !== undefined);
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
  const results = await importRows(job, message.rows, now());
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
  // The identity secret (the NIK + name guard's key), loaded once per execution environment.
  await prerequisites();
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
