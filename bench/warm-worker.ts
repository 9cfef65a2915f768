/**
 * Child process of `bench/warm.ts` (stdout goes nowhere: the access log lines are written, as in Lambda,
 * but not shown). Invokes each sampled route's handler module many times in this one process with the
 * AWS clients stubbed, and sends the timings back over IPC.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { routes } from '../functions/routes.ts';
import { routeMatcher } from '../functions/shared/route-match.ts';
import { httpApiEvent, lambdaContext } from '../lib/local/lambda-event.ts';
import { operatorClaims, ownerClaims } from '../test/helpers/invoke.ts';
import { SAMPLE_ORIGIN, resetStubs, sampleBody, samples, stubAws, type Sample } from './samples.ts';
import { percentile, round } from './stats.ts';

type Handler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export interface WarmRow {
  id: string;
  routeKey: string;
  invocations: number;
  p50Us: number;
  p99Us: number;
  meanUs: number;
  maxUs: number;
}

export interface WarmReport {
  rows: WarmRow[];
  skipped: string[];
}

const { iterations, warmup } = JSON.parse(process.argv[2] ?? '{}') as { iterations: number; warmup: number };
const match = routeMatcher(routes);
const stubs = stubAws();

function eventFor(routeKey: string, sample: Sample, method: string, n: number): APIGatewayProxyEventV2 {
  const url = new URL(`https://api.umkm.example${sample.path}`);
  const found = match(method, url.pathname);
  const body = sampleBody(sample, n);
  const claims =
    sample.role === 'operator' ? operatorClaims() : sample.role === 'owner' ? ownerClaims() : undefined;
  return httpApiEvent({
    method,
    url,
    headers: {
      origin: SAMPLE_ORIGIN,
      'user-agent': 'Mozilla/5.0 (bench)',
      accept: 'application/json',
      ...(claims ? { authorization: 'Bearer (checked by the JWT authorizer)' } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: Buffer.from(body ?? ''),
    routeKey,
    ...(found.kind === 'found' ? { pathParameters: found.params } : {}),
    ...(claims ? { claims } : {}),
    sourceIp: '203.0.113.7',
  });
}

const targets = [
  ...routes.map((route) => ({ ...route, routeKey: `${route.method} ${route.path}` })),
  { id: '$default', method: 'GET', path: '$default', handler: 'fallback/not-found.ts', routeKey: '$default' },
];

const report: WarmReport = { rows: [], skipped: [] };
for (const target of targets) {
  const sample = samples[target.id];
  if (!sample) {
    report.skipped.push(target.routeKey);
    continue;
  }
  const found = match(target.method, new URL(`http://x${sample.path}`).pathname);
  if (target.id !== '$default' && (found.kind !== 'found' || found.route.id !== target.id))
    throw new Error(`the sample for ${target.id} (${sample.path}) does not match its route`);
  const { handler } = (await import(new URL(`../functions/${target.handler}`, import.meta.url).href)) as {
    handler: Handler;
  };
  resetStubs(stubs);
  sample.stub?.(stubs);
  const times = new Float64Array(iterations);
  for (let n = 0; n < warmup + iterations; n++) {
    const event = eventFor(target.routeKey, sample, target.method, n);
    const context = lambdaContext(target.id, 10_000);
    const started = performance.now();
    const result = await handler(event, context);
    const elapsed = performance.now() - started;
    if (result.statusCode !== sample.status)
      throw new Error(`${target.routeKey} answered ${result.statusCode} instead of ${sample.status}`);
    if (n >= warmup) times[n - warmup] = elapsed * 1000;
  }
  const values = [...times];
  report.rows.push({
    id: target.id,
    routeKey: target.routeKey,
    invocations: iterations,
    p50Us: round(percentile(values, 50), 1),
    p99Us: round(percentile(values, 99), 1),
    meanUs: round(values.reduce((sum, value) => sum + value, 0) / values.length, 1),
    maxUs: round(Math.max(...values), 1),
  });
}
process.send?.(report);
