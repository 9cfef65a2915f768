import { routeKeys } from '../functions/routes.ts';
import { runChild } from './child.ts';
import { lambdaEnvironment, BENCH_TABLE_NAME } from './lambda-env.ts';
import { SAMPLE_ORIGIN } from './samples.ts';
import type { SectionResult } from './section.ts';
import type { WarmReport } from './warm-worker.ts';

/** Warm overhead target (issue 7): per request, p99. */
const P99_TARGET_US = 1000;

/** Runs `warm-worker.ts` in a child process with a Lambda-like environment, its stdout discarded. */
function runWorker(iterations: number, warmup: number): Promise<WarmReport> {
  const env = lambdaEnvironment('bench-warm', {
    // As `lib/api.ts` configures the API functions.
    STAGE: 'bench',
    APP_VERSION: '0.0.0-bench',
    CORS_ALLOW_ORIGINS: SAMPLE_ORIGIN,
    POWERTOOLS_SERVICE_NAME: 'umkm-hub',
    POWERTOOLS_LOG_LEVEL: 'INFO',
    TABLE_NAME: BENCH_TABLE_NAME,
    ROUTE_KEYS: JSON.stringify(routeKeys()),
    // The subscription functions get it from Secrets Manager through CloudFormation.
    SUBSCRIPTION_SECRET: 'bench-subscription-secret-0123456789abcdef',
    IDENTITY_SECRET: 'bench-identity-secret-0123456789abcdef',
  });
  return runChild<WarmReport>(new URL('./warm-worker.ts', import.meta.url), {
    args: [JSON.stringify({ iterations, warmup })],
    env,
  });
}

/** Time each handler spends outside its AWS calls, with the clients stubbed to answer at once. */
export async function warmOverhead(iterations: number, warmup: number): Promise<SectionResult> {
  const report = await runWorker(iterations, warmup);
  const rows = report.rows.map((row) => ({ ...row, pass: row.p99Us <= P99_TARGET_US }));
  return {
    pass: rows.every((row) => row.pass),
    data: { iterations, warmup, targetP99Us: P99_TARGET_US, rows, skipped: report.skipped },
    tables: [
      {
        title: `Warm handler overhead (${iterations} invocations after ${warmup} warm-up, AWS clients stubbed)`,
        columns: ['route', 'p50 µs', 'p99 µs', 'mean µs', 'max µs', 'target', 'result'],
        rows: rows.map((row) => [
          row.routeKey,
          row.p50Us.toFixed(1),
          row.p99Us.toFixed(1),
          row.meanUs.toFixed(1),
          row.maxUs.toFixed(1),
          `p99 ≤ ${P99_TARGET_US} µs`,
          row.pass ? 'pass' : 'FAIL',
        ]),
      },
    ],
    notes: [
      'Whole handler time per invocation (middy stack, auth, validation, handler, serialisation, the access log line) with DynamoDBDocumentClient and SESv2Client stubbed by aws-sdk-client-mock.',
      ...(report.skipped.length > 0
        ? [`skipped (no sample request in bench/samples.ts): ${report.skipped.join(', ')}`]
        : []),
    ],
  };
}
