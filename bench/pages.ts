import { routeKeys } from '../functions/routes.ts';
import { runChild } from './child.ts';
import { BENCH_TABLE_NAME, lambdaEnvironment } from './lambda-env.ts';
import type { PageRow } from './pages-worker.ts';
import type { SectionResult } from './section.ts';

/** Targets (issue 13): a page under 30 KB; rendering inside the warm overhead target, p99 ≤ 1 ms. */
const PAGE_BYTES = 30 * 1024;
const P99_TARGET_US = 1000;

/** Server render time and weight of every page route, through the real handlers with the table stubbed. */
export async function pageRendering(iterations: number, warmup: number): Promise<SectionResult> {
  const env = lambdaEnvironment('bench-pages', {
    STAGE: 'bench',
    APP_VERSION: '0.0.0-bench',
    POWERTOOLS_SERVICE_NAME: 'umkm-hub',
    POWERTOOLS_LOG_LEVEL: 'INFO',
    TABLE_NAME: BENCH_TABLE_NAME,
    ROUTE_KEYS: JSON.stringify(routeKeys()),
    SUBSCRIPTION_SECRET: 'bench-subscription-secret-0123456789abcdef',
    IDENTITY_SECRET: 'bench-identity-secret-0123456789abcdef',
    WEB_URL: 'https://umkm.example',
  });
  const rows = (
    await runChild<PageRow[]>(new URL('./pages-worker.ts', import.meta.url), {
      args: [JSON.stringify({ iterations, warmup })],
      env,
    })
  ).map((row) => ({
    ...row,
    pass: row.p99Us <= P99_TARGET_US && (row.routeKey.endsWith('.png') || row.bytes <= PAGE_BYTES),
  }));
  return {
    pass: rows.every((row) => row.pass),
    data: { iterations, warmup, targetP99Us: P99_TARGET_US, targetBytes: PAGE_BYTES, rows },
    tables: [
      {
        title: `Pages: server render (${iterations} invocations after ${warmup} warm-up, table stubbed)`,
        columns: ['route', 'bytes', 'gzip bytes', 'p50 µs', 'p99 µs', 'mean µs', 'target', 'result'],
        rows: rows.map((row) => [
          row.routeKey,
          row.bytes,
          row.gzipBytes,
          row.p50Us.toFixed(1),
          row.p99Us.toFixed(1),
          row.meanUs.toFixed(1),
          `p99 ≤ ${P99_TARGET_US} µs${row.routeKey.endsWith('.png') ? '' : `, ≤ ${PAGE_BYTES} B`}`,
          row.pass ? 'pass' : 'FAIL',
        ]),
      },
    ],
    notes: [
      'Whole handler per invocation (HTTP stack, token check, form parsing, rendering, ETag) with DynamoDBDocumentClient stubbed: a confirmed subscriber, one event, or a list of 20 events.',
      'The default poster is drawn on its first request and kept; its row is the cached answer.',
    ],
  };
}
