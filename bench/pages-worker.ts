/**
 * Child process of `bench/pages.ts`: renders every page route through its real handler (the whole HTTP
 * stack) many times with the table stubbed to answer at once with realistic records (a subscriber, an
 * event, a list of 20 events), and sends timings and response sizes back over IPC.
 */
import { gzipSync } from 'node:zlib';
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { routes } from '../functions/routes.ts';
import { routeMatcher } from '../functions/shared/route-match.ts';
import { signToken } from '../functions/subscriptions/tokens.ts';
import { httpApiEvent, lambdaContext } from '../lib/local/lambda-event.ts';
import { eventInput } from '../test/helpers/events.ts';
import { resetStubs, stubAws } from './samples.ts';
import { percentile, round } from './stats.ts';

type Handler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export interface PageRow {
  routeKey: string;
  status: number;
  bytes: number;
  gzipBytes: number;
  p50Us: number;
  p99Us: number;
  meanUs: number;
}

const { iterations, warmup } = JSON.parse(process.argv[2] ?? '{}') as { iterations: number; warmup: number };
const HOST = 'umkm.example';
const match = routeMatcher(routes);
const stubs = stubAws();

const subscriber = {
  PK: 'SUBSCRIBER#bench',
  SK: 'SUBSCRIBER',
  email: 'pembaca@example.com',
  name: 'Ani',
  language: 'id',
  status: 'confirmed',
  filters: { kecamatan: ['32.75.01', '32.75.03'], types: ['bazar', 'pelatihan'], needs: ['pasar'] },
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
};
const eventRecord = (n: number) => {
  const input = eventInput(
    {
      title: `Bazar UMKM Kuliner Bekasi ${n}`,
      description: 'Bazar produk kuliner UMKM binaan Dinas Koperasi dan UKM Kota Bekasi. '.repeat(6),
    },
    5 + (n % 9),
  );
  return {
    ...input,
    id: `01JD${String(n).padStart(22, '0')}`,
    status: 'published',
    version: 2,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-02T00:00:00.000Z',
    publishedAt: '2026-11-02T00:00:00.000Z',
    startUtc: new Date(input.start).toISOString(),
    endUtc: new Date(input.end).toISOString(),
  };
};
const event = eventRecord(1);
const confirm = signToken('confirm', 'bench');
const manage = signToken('manage', 'bench');
const form = (fields: string) => ({ body: fields, contentType: 'application/x-www-form-urlencoded' });

const requests: Record<string, { method: string; path: string; body?: string; contentType?: string }> = {
  confirmPage: { method: 'GET', path: `/langganan/konfirmasi?token=${confirm}` },
  confirmForm: { method: 'POST', path: '/langganan/konfirmasi', ...form(`token=${confirm}`) },
  preferencesPage: { method: 'GET', path: `/langganan/preferensi?token=${manage}` },
  preferencesForm: {
    method: 'POST',
    path: '/langganan/preferensi',
    ...form(
      `token=${manage}&name=Ani&language=id&kecamatan=32.75.01&kecamatan=32.75.03&types=bazar&needs=pasar`,
    ),
  },
  stopPage: { method: 'GET', path: `/langganan/berhenti?token=${manage}` },
  stopForm: { method: 'POST', path: '/langganan/berhenti', ...form(`token=${manage}`) },
  agendaPage: { method: 'GET', path: '/agenda?kecamatan=32.75.01' },
  eventPage: { method: 'GET', path: `/agenda/${event.id}` },
  eventCalendar: { method: 'GET', path: `/agenda/${event.id}/kalender.ics` },
  defaultPosterImage: { method: 'GET', path: '/agenda/poster-default.png' },
};

const rows: PageRow[] = [];
for (const [id, request] of Object.entries(requests)) {
  const route = routes.find((row) => row.id === id);
  if (!route) throw new Error(`no route ${id}`);
  const url = new URL(`https://${HOST}${request.path}`);
  const found = match(request.method, url.pathname);
  const { handler } = (await import(new URL(`../functions/${route.handler}`, import.meta.url).href)) as {
    handler: Handler;
  };
  resetStubs(stubs);
  stubs.ddb.on(GetCommand).resolves({ Item: route.path.startsWith('/agenda') ? event : subscriber });
  stubs.ddb.on(UpdateCommand).resolves({ Attributes: subscriber });
  stubs.ddb.on(QueryCommand).resolves({ Items: Array.from({ length: 20 }, (_, n) => eventRecord(n)) });
  const times = new Float64Array(iterations);
  let last: APIGatewayProxyStructuredResultV2 | undefined;
  for (let n = 0; n < warmup + iterations; n++) {
    const apiEvent = httpApiEvent({
      method: request.method,
      url,
      headers: {
        host: HOST,
        'user-agent': 'Mozilla/5.0 (bench)',
        accept: 'text/html',
        ...(request.contentType
          ? {
              'content-type': request.contentType,
              origin: `https://${HOST}`,
              'sec-fetch-site': 'same-origin',
            }
          : {}),
      },
      body: Buffer.from(request.body ?? ''),
      routeKey: `${route.method} ${route.path}`,
      ...(found.kind === 'found' ? { pathParameters: found.params } : {}),
      sourceIp: '203.0.113.7',
    });
    const started = performance.now();
    last = await handler(apiEvent, lambdaContext(id, 10_000));
    const elapsed = performance.now() - started;
    if (last.statusCode !== 200) throw new Error(`${id} answered ${last.statusCode}: ${last.body}`);
    if (n >= warmup) times[n - warmup] = elapsed * 1000;
  }
  const body = Buffer.from(last?.body ?? '', last?.isBase64Encoded ? 'base64' : 'utf8');
  const values = [...times];
  rows.push({
    routeKey: `${route.method} ${route.path}`,
    status: last?.statusCode ?? 0,
    bytes: body.byteLength,
    gzipBytes: gzipSync(body).byteLength,
    p50Us: round(percentile(values, 50), 1),
    p99Us: round(percentile(values, 99), 1),
    meanUs: round(values.reduce((sum, value) => sum + value, 0) / values.length, 1),
  });
}
process.send?.(rows);
