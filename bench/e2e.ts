import { fork, type ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { routes } from '../functions/routes.ts';
import type { LocalServerReady } from './local-server.ts';
import { SAMPLE_ORIGIN, sampleBody, samples } from './samples.ts';
import type { SectionResult } from './section.ts';

/** The routes measured end to end: reads, and a write. */
const READ_ROUTES = ['getRegion', 'getHealth', 'listEvents'];
const WRITE_ROUTE = 'createSubscription';

interface Target {
  id: string;
  method: string;
  label: string;
}

function startServer(): Promise<{ child: ChildProcess; ready: LocalServerReady }> {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./local-server.ts', import.meta.url), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('message', (ready) => resolve({ child, ready: ready as LocalServerReady }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`local server exited (${code}): ${stderr}`)));
  });
}

const stopServer = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.send('stop');
  });

async function load(ready: LocalServerReady, target: Target, seconds: number) {
  const sample = samples[target.id];
  if (!sample) throw new Error(`no sample for ${target.id}`);
  let n = 0;
  const headers: Record<string, string> = {
    origin: SAMPLE_ORIGIN,
    accept: 'application/json',
    ...(sample.role ? { authorization: `Bearer ${ready.tokens[sample.role]}` } : {}),
    ...(sample.body === undefined ? {} : { 'content-type': 'application/json' }),
  };
  const unexpected = { count: 0 };
  const result = await autocannon({
    url: `${ready.apiUrl}${sample.path}`,
    method: target.method as autocannon.Request['method'],
    connections: 10,
    duration: seconds,
    headers,
    requests: [
      {
        setupRequest: (request) => {
          const body = sampleBody(sample, n++);
          return body === undefined ? request : { ...request, body };
        },
        onResponse: (status) => {
          if (status !== sample.status) unexpected.count++;
        },
      },
    ],
  });
  return { result, unexpected: unexpected.count };
}

/**
 * Requests per second and latency through the local server (HTTP, the JWT check, the handler modules,
 * DynamoDB Local), with autocannon on 127.0.0.1: 10 connections, a short unrecorded warm-up, then a
 * bounded run per route (autocannon's latency percentiles have 1 ms resolution). The server runs in its own process, so client and server do not share a thread.
 */
export async function endToEnd(seconds: number): Promise<SectionResult> {
  // The public write every citizen can make; registrations are capped per owner, so one token cannot
  // drive a sustained write load through them.
  const write = routes.find((route) => route.id === WRITE_ROUTE);
  const targets: Target[] = [...READ_ROUTES.map((id) => routes.find((route) => route.id === id)), write]
    .filter((route) => route !== undefined)
    .map((route) => ({
      id: route.id,
      method: route.method,
      label: `${route.method} ${samples[route.id]?.path}`,
    }));
  const { child, ready } = await startServer();
  try {
    const rows = [];
    for (const target of targets) {
      await load(ready, target, Math.max(1, Math.round(seconds / 5)));
      const { result, unexpected } = await load(ready, target, seconds);
      rows.push({
        route: target.label,
        kind: target.method === 'GET' ? 'read' : 'write',
        seconds,
        requests: result.requests.total,
        rps: Math.round(result.requests.average),
        meanMs: result.latency.average,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        errors: result.errors + result.timeouts,
        unexpectedStatus: unexpected,
      });
    }
    const noWrite = write === undefined;
    return {
      pass: rows.every((row) => row.errors === 0 && row.unexpectedStatus === 0),
      data: { connections: 10, seconds, rows, writeRoute: write?.id ?? null },
      tables: [
        {
          title: `Local end to end (autocannon, 10 connections, ${seconds} s per route, DynamoDB Local in memory)`,
          columns: [
            'route',
            'kind',
            'req/s',
            'mean ms',
            'p50 ms',
            'p99 ms',
            'requests',
            'errors or wrong status',
          ],
          rows: rows.map((row) => [
            row.route,
            row.kind,
            row.rps,
            row.meanMs.toFixed(2),
            row.p50Ms,
            row.p99Ms,
            row.requests,
            row.errors + row.unexpectedStatus,
          ]),
        },
      ],
      notes: noWrite ? ['write route: none in the manifest yet (skipped)'] : [],
    };
  } finally {
    await stopServer(child);
  }
}
