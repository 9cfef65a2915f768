import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, tableName } from '../shared/db.ts';
import {
  absent,
  expiresAfter,
  indexPage,
  isConditionFailure,
  recordOf,
  transactWrite,
  TransactionCancelled,
  type TransactItem,
} from '../shared/dynamo.ts';
import { ALL_IMPORTS_PARTITION, importChunkKey, importIndexKey, importJobKey } from '../shared/keys.ts';
import type { ImportCounters, ImportJob } from './model.ts';
import { enqueueImport } from './queue.ts';
import { UNSTARTED_IMPORT_TTL_SECONDS, UPLOAD_GRACE_SECONDS, UPLOAD_SECONDS } from './upload-window.ts';

/** The import job items: the job with its exact counters, and one marker per counted chunk. */

/**
 * A new job, waiting for its file. Its item expires (TTL) unless the file arrives: `startParsing` removes
 * the expiry, so every import that read a file stays on record (its records name it as their source).
 */
export async function createImport(job: ImportJob): Promise<void> {
  await ddb.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...importJobKey(job.id),
        ...importIndexKey(job.id),
        entity: 'import',
        ...job,
        ...expiresAfter(Date.parse(job.createdAt), UNSTARTED_IMPORT_TTL_SECONDS),
      },
      ...absent(),
    }),
  );
}

/** The job of an item, without the item's expiry. */
const jobOf = (item: Record<string, unknown>): ImportJob => {
  const { expiresAt: _expiresAt, ...job } = recordOf<ImportJob & { expiresAt?: number }>(item);
  return job;
};

export async function getImport(id: string): Promise<ImportJob | undefined> {
  const { Item } = await ddb.send(
    new GetCommand({ TableName: tableName, Key: importJobKey(id), ConsistentRead: true }),
  );
  return Item ? jobOf(Item) : undefined;
}

const update = async (
  id: string,
  expression: string,
  values: Record<string, unknown>,
  condition?: string,
  names: Record<string, string> = {},
): Promise<boolean> => {
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: importJobKey(id),
        UpdateExpression: expression,
        ExpressionAttributeValues: values,
        ...(() => {
          const all = {
            ...(`${expression} ${condition ?? ''}`.includes('#state') ? { '#state': 'state' } : {}),
            ...names,
          };
          return Object.keys(all).length > 0 ? { ExpressionAttributeNames: all } : {};
        })(),
        ConditionExpression: condition ? `attribute_exists(PK) AND (${condition})` : 'attribute_exists(PK)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};

/**
 * The upload arrived: the job starts reading it (again, after a crash: from its checkpoint), and stays on
 * record. A job still waiting for its file starts only before its upload deadline (`upload-window.ts`):
 * created after `now` less the upload window and its grace.
 */
export const startParsing = (id: string, now: string) =>
  update(
    id,
    'SET #state = :parsing, updatedAt = :now REMOVE expiresAt',
    {
      ':parsing': 'parsing',
      ':now': now,
      ':awaiting': 'awaiting-upload',
      ':startedSince': new Date(
        Date.parse(now) - (UPLOAD_SECONDS + UPLOAD_GRACE_SECONDS) * 1000,
      ).toISOString(),
    },
    '#state = :parsing OR (#state = :awaiting AND createdAt > :startedSince)',
  );

/** A job whose file came after its upload deadline: failed, the file left unread (it expires by prefix). */
export const failLateUpload = (id: string, error: string, now: string, deadline: string) =>
  update(
    id,
    'SET #state = :failed, #error = :error, updatedAt = :now, finishedAt = :deadline',
    {
      ':failed': 'failed',
      ':error': error,
      ':now': now,
      ':deadline': deadline,
      ':awaiting': 'awaiting-upload',
    },
    '#state = :awaiting',
    { '#error': 'error' },
  );

/** The planner's checkpoint: rows read and chunks queued so far (never moves back). */
export const checkpointPlanning = (id: string, rowsRead: number, chunksPlanned: number, now: string) =>
  update(
    id,
    'SET rowsRead = :rows, chunksPlanned = :chunks, updatedAt = :now',
    { ':rows': rowsRead, ':chunks': chunksPlanned, ':now': now },
    'chunksPlanned <= :chunks',
  );

/** The whole file is read and queued: the job knows how many chunks make it complete. */
export const finishPlanning = (id: string, rowsRead: number, chunksTotal: number, now: string) =>
  update(
    id,
    'SET rowsRead = :rows, chunksPlanned = :total, chunksTotal = :total, #state = :importing, updatedAt = :now',
    {
      ':rows': rowsRead,
      ':total': chunksTotal,
      ':importing': 'importing',
      ':now': now,
      ':parsing': 'parsing',
    },
    '#state = :parsing',
  );

export const failImport = (id: string, error: string, now: string) =>
  update(
    id,
    'SET #state = :failed, #error = :error, updatedAt = :now, finishedAt = :now',
    {
      ':failed': 'failed',
      ':error': error,
      ':now': now,
    },
    undefined,
    { '#error': 'error' },
  );

/**
 * Counts a chunk's outcomes once: the chunk's marker and the job's counters in one transaction, the marker
 * written only if absent. A chunk delivered again (SQS at-least-once, a retried batch) finds its marker
 * and adds nothing. Returns false when the chunk was counted already.
 */
export async function commitChunk(
  id: string,
  chunk: number,
  counts: Omit<ImportCounters, 'rowsRead'>,
  businessCounters: TransactItem[],
  now: string,
): Promise<boolean> {
  try {
    await transactWrite([
      {
        Put: {
          TableName: tableName,
          Item: { ...importChunkKey(id, chunk), at: now, ...counts },
          ...absent(),
        },
      },
      {
        Update: {
          TableName: tableName,
          Key: importJobKey(id),
          UpdateExpression:
            'ADD imported :imported, matched :matched, conflicts :conflicts, rejected :rejected, looseMatches :loose, chunksDone :one SET updatedAt = :now',
          ExpressionAttributeValues: {
            ':imported': counts.imported,
            ':matched': counts.matched,
            ':conflicts': counts.conflicts,
            ':rejected': counts.rejected,
            ':loose': counts.looseMatches,
            ':one': 1,
            ':now': now,
          },
        },
      },
      // The statistics counters of the records this chunk created, in the same transaction.
      ...businessCounters,
    ]);
    return true;
  } catch (error) {
    if (error instanceof TransactionCancelled && error.failedAt(0)) return false;
    throw error;
  }
}

export async function chunkCounted(id: string, chunk: number): Promise<boolean> {
  const { Item } = await ddb.send(
    new GetCommand({ TableName: tableName, Key: importChunkKey(id, chunk), ProjectionExpression: 'PK' }),
  );
  return Item !== undefined;
}

/** Once every chunk is counted, exactly one caller moves the job on to its report. */
export const claimReporting = (id: string, chunksTotal: number, now: string) =>
  update(
    id,
    'SET #state = :reporting, updatedAt = :now',
    { ':reporting': 'reporting', ':importing': 'importing', ':total': chunksTotal, ':now': now },
    '#state = :importing AND chunksDone = :total AND chunksTotal = :total',
  );

export const markDone = (id: string, now: string) =>
  update(id, 'SET #state = :done, updatedAt = :now, finishedAt = :now', {
    ':done': 'done',
    ':now': now,
  });

/** When the file is read and every chunk counted, queues the report (exactly once). */
export async function enqueueReportIfComplete(importId: string, now: string): Promise<void> {
  const job = await getImport(importId);
  if (job?.state !== 'importing' || job.chunksTotal === undefined || job.chunksDone !== job.chunksTotal)
    return;
  if (await claimReporting(importId, job.chunksTotal, now))
    await enqueueImport([{ kind: 'report', importId }]);
}

/** Imports, newest first (GSI1, one partition for all: a few hundred a year at most). */
export async function listImportJobs(page: {
  limit: number;
  cursor?: string | undefined;
}): Promise<{ jobs: ImportJob[]; cursor?: string }> {
  const { items, cursor } = await indexPage(
    'GSI1',
    ALL_IMPORTS_PARTITION,
    page,
    { ScanIndexForward: false },
    ({ PK, SK, GSI1SK }) => SK === 'IMPORT' && PK === importJobKey(GSI1SK ?? '').PK,
  );
  return { jobs: items.map(jobOf), ...(cursor ? { cursor } : {}) };
}
