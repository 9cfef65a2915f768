import { startDynamoDbLocal } from '../lib/local/dynamodb.ts';
import { freePort } from '../test/helpers/ports.ts';
import { runChild } from './child.ts';
import type { DigestBenchRow } from './digest-worker.ts';
import { lambdaEnvironment } from './lambda-env.ts';
import type { BenchOptions, SectionResult } from './section.ts';

/** Concurrent sender invocations in the bench (SES stubbed, so no send rate applies). */
const SENDERS = 8;
/** Issue 7: subscribers planned and handed to the sender per second, on one core. */
const PLANNED_PER_SECOND_TARGET = 5000;

/**
 * The weekly digest (issue 6/7): subscribers per second through the real planner and sender (in-process
 * queue, DynamoDB Local in memory, SES v2 stubbed), SES calls against the per-language minimum
 * ceil(N_id/50) + ceil(N_en/50), DynamoDB items read per subscriber, and peak memory of the process.
 * Each size runs in a fresh child process with its own table; seeding is not timed.
 */
export async function digest(options: BenchOptions): Promise<SectionResult> {
  const sizes = options.quick ? [10_000] : [10_000, 100_000];
  const dynamo = await startDynamoDbLocal({ port: await freePort() });
  const rows: DigestBenchRow[] = [];
  try {
    for (const subscribers of sizes) {
      options.progress(`digest: ${subscribers} subscribers (seeding, then planning and sending)`);
      rows.push(
        await runChild<DigestBenchRow>(new URL('./digest-worker.ts', import.meta.url), {
          args: [JSON.stringify({ subscribers, senders: SENDERS })],
          // The memory pass collects garbage after each invocation to see what the pipeline retains.
          execArgv: ['--expose-gc'],
          env: lambdaEnvironment('bench-digest', {
            TABLE_NAME: `bench-digest-${subscribers}`,
            DYNAMODB_ENDPOINT: dynamo.endpoint,
            AWS_ACCESS_KEY_ID: 'local',
            AWS_SECRET_ACCESS_KEY: 'local',
            SUBSCRIPTION_SECRET: 'bench-subscription-secret-0123456789',
            MAIL_FROM: 'agenda@umkm.bench',
            SES_TEMPLATE_PREFIX: 'bench-',
            WEB_URL: 'https://umkm.bench',
            API_URL: 'https://api.umkm.bench',
            PROGRAMME_ADDRESS: 'Dinas Koperasi dan UKM Kota Bekasi',
            POWERTOOLS_LOG_LEVEL: 'ERROR',
          }),
        }),
      );
    }
  } finally {
    await dynamo.stop();
  }
  const pass = rows.every(
    (row) =>
      row.mailed === row.subscribers &&
      row.sesCalls === row.expectedSesCalls &&
      row.state === 'done' &&
      row.plannedPerSecond >= PLANNED_PER_SECOND_TARGET,
  );
  return {
    pass,
    data: { rows, senders: SENDERS },
    tables: [
      {
        title: `Digest: planner + sender, DynamoDB Local in memory, SES stubbed, ${SENDERS} concurrent senders`,
        columns: [
          'subscribers',
          'mailed',
          'seconds',
          'subscribers/s',
          'planned/s (target ≥ 5000)',
          'SES calls',
          'minimum',
          'read requests',
          'items read / subscriber',
          'peak RSS MB',
          'peak heap MB',
          'pipeline heap MB',
          'retained MB (flat in N)',
          'run',
        ],
        rows: rows.map((row) => [
          row.subscribers,
          row.mailed,
          row.seconds,
          row.subscribersPerSecond,
          row.plannedPerSecond,
          row.sesCalls,
          row.expectedSesCalls,
          row.readRequests,
          row.readsPerSubscriber,
          row.peakRssMb,
          row.peakHeapMb,
          row.pipelineHeapMb,
          row.retainedHeapMb,
          row.state,
        ]),
      },
    ],
    notes: [
      'minimum: ceil(N_id/50) + ceil(N_en/50) (batches are per language: one template per language), which is ceil(N/50) here (10% English, both counts multiples of 50) and at most one more otherwise.',
      'items read / subscriber: the planner’s shard Query (1 item each), the sender’s still-confirmed check (1), plus run, checkpoint, marker and content items, shared per page or batch.',
      'SES is stubbed, so throughput is DynamoDB Local plus our code; in AWS the SES send rate sets the pace (sender maxConcurrency).',
      'peak RSS/heap is this one process holding planner, sender, every queued message and the seed data; pipeline heap is a second (forced) run, one invocation at a time with batches sent before further pages, measured above the heap the process already held: what planner and sender themselves hold (one shard page of 1,000 subscribers, one batch of 50), which must not grow with N.',
    ],
  };
}
