import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { startDynamoDbLocal } from '../lib/local/dynamodb.ts';
import { newId } from '../functions/shared/ids.ts';
import { triggerOf } from '../functions/shared/worker.ts';
import { importWorker } from '../functions/workers.ts';
import { REJECTING_DAMAGE, sampleCsv, sampleRows } from '../test/helpers/import-sample.ts';
import { freePort } from '../test/helpers/ports.ts';
import { runChild } from './child.ts';
import type { CeilingArgs, CeilingResult } from './dynamodb-ceiling.ts';
import type { ImportStepArgs, ImportStepResult } from './import-worker.ts';
import { standInEnvironment, startBenchS3 } from './lambda-env.ts';
import type { BenchOptions, SectionResult } from './section.ts';
import { median, round } from './stats.ts';

/** Issue 12: rows imported per second end to end on this machine. */
const ROWS_PER_SECOND_TARGET = 1000;
/**
 * Worker invocations at once here (`IMPORT_BENCH_CONCURRENCY`, else 4; the AWS estimate uses the import
 * queue's own maxConcurrency), and chunks per SQS batch.
 */
export const WORKER_CONCURRENCY = Number(process.env.IMPORT_BENCH_CONCURRENCY ?? 4);
export const WORKER_BATCH_SIZE = 1;
/** Requests in flight while measuring DynamoDB Local's own write rate (more does not help: one writer). */
const CEILING_IN_FLIGHT = 8;
/** Rows of each form of that measurement. */
const CEILING_ROWS = 4_000;
/** One row in this many carries damage (one kind in turn; 3 of the 10 kinds reject the row). */
const DAMAGE_EVERY = 10;
const BUCKET = 'umkm-hub-bench-files';
/** Runs at 10,000 rows (the median is printed); `IMPORT_BENCH_RUNS` overrides it on a busy machine. */
const RUNS_10K = Number(process.env.IMPORT_BENCH_RUNS ?? 3);

export interface ImportBenchRow {
  rows: number;
  run: number;
  planSeconds: number;
  workSeconds: number;
  seconds: number;
  rowsPerSecond: number;
  imported: number;
  rejected: number;
  expectedRejected: number;
  state: string;
  writeRequestsPerRow: number;
  itemsWrittenPerRow: number;
  writeUnitsPerRow: number;
  readRequestsPerRow: number;
  planner: Pick<ImportStepResult, 'peakRssMb' | 'peakHeapMb' | 'stepHeapMb' | 'retainedHeapMb'>;
  worker: Pick<ImportStepResult, 'peakRssMb' | 'peakHeapMb' | 'stepHeapMb' | 'retainedHeapMb'>;
}

/** The sample file (test/helpers/import-sample.ts) for `count` rows, written in slices to `path`. */
async function writeSample(path: string, count: number): Promise<number> {
  const out = createWriteStream(path);
  let rejected = 0;
  const SLICE = 10_000;
  for (let start = 0; start < count; start += SLICE) {
    const rows = sampleRows(Math.min(SLICE, count - start), {
      seed: start + 1,
      damageEvery: DAMAGE_EVERY,
      start,
    });
    rejected += rows.filter((row) => row.damage && REJECTING_DAMAGE.has(row.damage)).length;
    const text = sampleCsv(rows);
    // The header (and BOM) once, at the top.
    if (!out.write(start === 0 ? text : text.slice(text.indexOf('\r\n') + 2))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return rejected;
}

/**
 * The bulk import (issue 12) end to end on this machine: a generated CSV with realistic damage uploaded to
 * the S3 stand-in, the real planner reading it from there and queueing chunks, the real worker handler
 * taking them as SQS batches with `WORKER_CONCURRENCY` invocations at once, writing every row to DynamoDB
 * Local and the report to S3. Each step runs in its own child process (its memory its own); each size gets
 * its own table. Planner and workers run one after the other here (in AWS they overlap).
 */
export async function imports(options: BenchOptions): Promise<SectionResult> {
  const sizes = process.env.IMPORT_BENCH_ROWS
    ? process.env.IMPORT_BENCH_ROWS.split(',').map(Number)
    : options.quick
      ? [10_000]
      : [10_000, 100_000];
  const runsOf = (rows: number) => (options.quick || rows > 10_000 ? 1 : RUNS_10K);
  const directory = mkdtempSync(join(tmpdir(), 'umkm-bench-import-'));
  const s3 = await startBenchS3(directory, BUCKET);
  const load = loadavg().map((value) => round(value, 2));
  const rows: ImportBenchRow[] = [];
  const ceilings: CeilingResult[] = [];
  const environment = (table: string, dynamoDbEndpoint: string) =>
    standInEnvironment('bench-import', { table, dynamoDbEndpoint, s3Endpoint: s3.endpoint, bucket: BUCKET });
  try {
    for (const count of sizes) {
      const file = join(directory, `sample-${count}.csv`);
      const expectedRejected = await writeSample(file, count);
      for (let run = 1; run <= runsOf(count); run++) {
        const importId = newId();
        const queueFile = join(directory, `queue-${importId}.ndjson`);
        // A DynamoDB Local of its own for each run: it looks up a stream's oldest record by scanning the
        // stream records of every table (no index on their stream id), so a table's writes slow down with
        // the records other tables left in the same process, which the local stack's one table never sees.
        const dynamo = await freePort().then((port) => startDynamoDbLocal({ port }));
        const env = environment(`bench-import-${count}-${run}`, dynamo.endpoint);
        // First, on the run's own table (one stream): what DynamoDB Local takes for the import's items
        // with none of the import's work. It also warms the JVM, as a running local stack is warm.
        options.progress(`import: ${count} rows, run ${run}: DynamoDB Local's own write rate`);
        const ceilingArgs: CeilingArgs = { rows: CEILING_ROWS, inFlight: CEILING_IN_FLIGHT };
        ceilings.push(
          await runChild<CeilingResult>(new URL('./dynamodb-ceiling.ts', import.meta.url), {
            args: [JSON.stringify(ceilingArgs)],
            env,
          }),
        );
        const step = (args: Omit<ImportStepArgs, 'importId' | 'queueFile' | 'file'>) =>
          runChild<ImportStepResult>(new URL('./import-worker.ts', import.meta.url), {
            args: [JSON.stringify({ ...args, importId, queueFile, file })],
            execArgv: ['--expose-gc'],
            env,
          });
        options.progress(`import: ${count} rows, run ${run}: uploading`);
        await step({ step: 'upload' });
        options.progress(`import: ${count} rows, run ${run}: planning`);
        const plan = await step({ step: 'plan' });
        options.progress(`import: ${count} rows, run ${run}: ${plan.messages} chunks to the workers`);
        const work = await step({
          step: 'work',
          concurrency: WORKER_CONCURRENCY,
          batchSize: WORKER_BATCH_SIZE,
        });
        const job = work.job ?? {};
        const seconds = plan.seconds + work.seconds;
        const perRow = (value: number) => round(value / count, 2);
        const memory = (result: ImportStepResult) => ({
          peakRssMb: result.peakRssMb,
          peakHeapMb: result.peakHeapMb,
          stepHeapMb: result.stepHeapMb,
          retainedHeapMb: result.retainedHeapMb,
        });
        rows.push({
          rows: count,
          run,
          planSeconds: plan.seconds,
          workSeconds: work.seconds,
          seconds: round(seconds, 1),
          rowsPerSecond: Math.round(count / seconds),
          imported: Number(job.imported ?? 0),
          rejected: Number(job.rejected ?? 0),
          expectedRejected,
          state: `${typeof job.state === 'string' ? job.state : 'unknown'}${work.failedMessages > 0 ? ` (${work.failedMessages} dead letters)` : ''}`,
          writeRequestsPerRow: perRow(plan.writeRequests + work.writeRequests),
          itemsWrittenPerRow: perRow(plan.itemsWritten + work.itemsWritten),
          writeUnitsPerRow: perRow(plan.writeUnits + work.writeUnits),
          readRequestsPerRow: perRow(plan.readRequests + work.readRequests),
          planner: memory(plan),
          worker: memory(work),
        });
        rmSync(queueFile, { force: true });
        await dynamo.stop();
      }
      rmSync(file, { force: true });
    }
  } finally {
    await s3.stop();
    rmSync(directory, { recursive: true, force: true });
  }

  const bySize = sizes.map((count) => {
    const runs = rows.filter((row) => row.rows === count);
    const pick = (value: (row: ImportBenchRow) => number) => median(runs.map(value));
    return { count, runs, pick };
  });
  const at = (count: number) => bySize.find((size) => size.count === count);
  const largest = bySize.at(-1);
  // 500,000 rows in AWS: see `estimate` below for the assumptions.
  const estimate = estimate500k(
    largest ? largest.count / largest.pick((row) => row.planSeconds) : 20_000,
    largest ? largest.pick((row) => row.itemsWrittenPerRow) : 3,
    ceilings[0]?.recordBytes ?? 1_500,
  );
  const ceiling = ceilings.length
    ? {
        transactRowsPerSecond: median(ceilings.map((each) => each.transactRowsPerSecond)),
        batchItemsPerSecond: median(ceilings.map((each) => each.batchItemsPerSecond)),
      }
    : undefined;
  const share = (count: number) => {
    const size = at(count);
    return size && ceiling
      ? Math.round((100 * size.pick((row) => row.rowsPerSecond)) / ceiling.transactRowsPerSecond)
      : 0;
  };
  const pass =
    rows.every(
      (row) =>
        row.state === 'done' &&
        row.rejected === row.expectedRejected &&
        row.imported === row.rows - row.expectedRejected,
    ) && bySize.every((size) => size.pick((row) => row.rowsPerSecond) >= ROWS_PER_SECOND_TARGET);
  return {
    pass,
    data: {
      rows,
      load,
      workerConcurrency: WORKER_CONCURRENCY,
      batchSize: WORKER_BATCH_SIZE,
      estimate,
      ceiling,
    },
    tables: [
      {
        title: `DynamoDB Local's own write rate on this machine, median over the runs, each measured on the run's table before its import (${CEILING_ROWS} rows, ${CEILING_IN_FLIGHT} requests in flight; the import's items, none of its work)`,
        columns: ['write', 'rate', 'the import end to end, as a share of it'],
        rows: ceiling
          ? [
              [
                'new rows as the import writes them: record + NIB guard, conditional, 49 rows per TransactWriteItems',
                `${ceiling.transactRowsPerSecond} rows/s`,
                sizes.map((count) => `${count} rows: ${share(count)} %`).join(', '),
              ],
              [
                'records alone, unconditional, 25 per BatchWriteItem (no uniqueness, no all-or-nothing row)',
                `${ceiling.batchItemsPerSecond} items/s`,
                '',
              ],
            ]
          : [],
      },
      {
        title: `Bulk import end to end: S3 stand-in → planner → ${WORKER_CONCURRENCY} concurrent worker invocations (SQS batch ${WORKER_BATCH_SIZE} chunk of 200 rows) → DynamoDB Local; median of runs (load average ${load.join(' ')})`,
        columns: [
          'rows',
          'runs',
          'plan s',
          'work s',
          'total s',
          'rows/s (target ≥ 1000)',
          'imported',
          'rejected',
          'write requests / row',
          'items written / row',
          'WCU / row (as DynamoDB Local reports)',
          'read requests / row',
          'state',
        ],
        rows: bySize.map(({ count, runs, pick }) => [
          count,
          runs.length,
          round(
            pick((row) => row.planSeconds),
            1,
          ),
          round(
            pick((row) => row.workSeconds),
            1,
          ),
          round(
            pick((row) => row.seconds),
            1,
          ),
          pick((row) => row.rowsPerSecond),
          pick((row) => row.imported),
          pick((row) => row.rejected),
          pick((row) => row.writeRequestsPerRow),
          pick((row) => row.itemsWrittenPerRow),
          pick((row) => row.writeUnitsPerRow),
          pick((row) => row.readRequestsPerRow),
          runs.map((row) => row.state).join(' '),
        ]),
      },
      {
        title:
          'Peak memory per process (MB): the planner reading the whole file; the worker process running all its invocations',
        columns: [
          'rows',
          'planner RSS',
          'planner heap',
          'planner heap above baseline',
          'planner heap held at the end',
          `worker RSS (${WORKER_CONCURRENCY} invocations)`,
          'worker heap',
          'worker heap above baseline',
          'worker heap held at the end',
        ],
        rows: bySize.map(({ count, pick }) => [
          count,
          pick((row) => row.planner.peakRssMb),
          pick((row) => row.planner.peakHeapMb),
          pick((row) => row.planner.stepHeapMb),
          pick((row) => row.planner.retainedHeapMb),
          pick((row) => row.worker.peakRssMb),
          pick((row) => row.worker.peakHeapMb),
          pick((row) => row.worker.stepHeapMb),
          pick((row) => row.worker.retainedHeapMb),
        ]),
      },
      {
        title: '500,000 rows in AWS (estimate)',
        columns: ['step', 'assumption', 'minutes'],
        rows: estimate.rows,
      },
    ],
    notes: [
      `sample: test/helpers/import-sample.ts, one row in ${DAMAGE_EVERY} damaged (NIK in scientific notation or 15 digits and an empty name are rejected; dd/mm/yyyy dates, +62 phones with dashes, NBSP, kecamatan in capitals, misspelt kelurahan, "Rp 1.500.000", KBLI without its leading zero are repaired).`,
      'write requests / items / WCU per row: everything planner and workers wrote (rows, guards, chunk markers, job counters, statistics counters, planner checkpoints), divided by the rows in the file; WCU as DynamoDB Local reports ConsumedCapacity (a transaction costs 2 WCU per item per KB).',
      'planner and workers ran one after the other here; in AWS the workers start on the first chunk while the planner reads on.',
      largest
        ? `memory is flat in N when the ${largest.count}-row figures match the ${sizes[0]}-row ones: the planner holds one chunk, a worker invocation one SQS batch.`
        : '',
      ...estimate.notes,
    ].filter(Boolean),
  };
}

/**
 * The estimate for 500,000 rows in AWS. Assumptions (stated in the table): a transaction of up to 100
 * items (about 30 rows) takes about 60 ms in the region, four in flight per chunk, the import queue's
 * maxConcurrency of worker invocations at once; the planner reads and queues at the rate measured here; a
 * row costs 2 WCU per transactional item plus 2 for its record's second KB, and a new on-demand table
 * serves 4,000 WCU/s before it scales; the status and all-businesses indexes take every record under one
 * partition key each (≤ 1,000 WCU/s a key): the table and those index keys, not the workers, set the pace.
 */
function estimate500k(
  plannerRowsPerSecond: number,
  itemsPerRow: number,
  recordBytes: number,
): { rows: (string | number)[][]; notes: string[] } {
  const ROWS = 500_000;
  const CHUNK = 200;
  const TRANSACTION_MS = 60;
  const ROWS_PER_TRANSACTION = Math.floor(100 / Math.max(1, Math.ceil(itemsPerRow)));
  const TRANSACTIONS_AT_ONCE = 4;
  // The import queue's maxConcurrency, from the worker manifest.
  const CONCURRENCY = Number(triggerOf(importWorker, 'sqs').maxConcurrency);
  const PER_CHUNK_S = 0.15; // job read, marker check, report part to S3, the chunk's commit
  const TABLE_WCU = 4_000;
  const wcuPerRow = 2 * itemsPerRow + 2;
  const transactions = Math.ceil(CHUNK / ROWS_PER_TRANSACTION);
  const chunkSeconds = Math.ceil(transactions / TRANSACTIONS_AT_ONCE) * (TRANSACTION_MS / 1000) + PER_CHUNK_S;
  const chunks = ROWS / CHUNK;
  const workMinutes = (chunks * chunkSeconds) / CONCURRENCY / 60;
  const tableMinutes = (ROWS * wcuPerRow) / TABLE_WCU / 60;
  const planMinutes = ROWS / plannerRowsPerSecond / 60;
  // The status index (GSI3) and the all-businesses index (GSI4) file every new record under one partition
  // key, and a partition key takes at most 1,000 WCU/s; each index holds the whole record (projection ALL).
  const PARTITION_WCU = 1_000;
  const wcuPerIndexWrite = Math.ceil(recordBytes / 1024);
  const indexMinutes = (ROWS * wcuPerIndexWrite) / PARTITION_WCU / 60;
  const enough = Math.ceil(TABLE_WCU / wcuPerRow / (CHUNK / chunkSeconds));
  return {
    rows: [
      [
        'planner',
        `reads and queues at ${Math.round(plannerRowsPerSecond)} rows/s (measured here, one invocation at a time)`,
        round(planMinutes, 1),
      ],
      [
        'workers',
        `${chunks} chunks × ${round(chunkSeconds, 2)} s (${transactions} transactions of ≤ ${ROWS_PER_TRANSACTION} rows, ${TRANSACTIONS_AT_ONCE} at once, ${TRANSACTION_MS} ms each, + ${PER_CHUNK_S} s per chunk) ÷ ${CONCURRENCY} invocations at once`,
        round(workMinutes, 1),
      ],
      [
        'table',
        `${round(wcuPerRow, 1)} WCU per row (${round(itemsPerRow, 2)} items, transactional) at ${TABLE_WCU} WCU/s (a new on-demand table)`,
        round(tableMinutes, 1),
      ],
      [
        'indexes',
        `${wcuPerIndexWrite} WCU per record (≈ ${recordBytes} bytes) into one partition key of the status and all-businesses indexes, ≤ ${PARTITION_WCU} WCU/s each`,
        round(indexMinutes, 1),
      ],
      [
        'total',
        'all four overlap: the slowest of them, plus the report (≈ 0.5 min)',
        round(Math.max(planMinutes, workMinutes, tableMinutes, indexMinutes) + 0.5, 1),
      ],
    ],
    notes: [
      `AWS estimate: ${enough} worker invocation(s) at once already reach the ${TABLE_WCU} WCU/s of a new on-demand table; with ${CONCURRENCY}, DynamoDB throttles and the throttled chunks come back through SQS (each row idempotent) until the table has scaled. A chunk takes about ${round(chunkSeconds, 1)} s, the planner stops 3 min before its 15-min timeout and continues: no invocation near its limit.`,
    ],
  };
}
