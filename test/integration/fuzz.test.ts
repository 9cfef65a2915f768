import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { routeKeys, routes } from '../../functions/routes.ts';
import type { AnyRoute } from '../../functions/shared/route.ts';
import { registration } from '../helpers/businesses.ts';
import { invoke, operatorClaims, ownerClaims } from '../helpers/invoke.ts';

/**
 * Fuzzing from the manifest: every route, through the full middleware stack and against DynamoDB Local,
 * with arbitrary and adversarial input. The answer is never a 5xx, a 4xx is always problem+json (a page for
 * page routes) without internals, and a refused request writes nothing.
 */
type Handler = Parameters<typeof invoke>[0];
process.env.ROUTE_KEYS = JSON.stringify(routeKeys());

const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 100);
const WRITES = new Set([
  'PutCommand',
  'UpdateCommand',
  'DeleteCommand',
  'TransactWriteCommand',
  'BatchWriteCommand',
]);

// Watch the writes made while a request is handled (the spy calls through to DynamoDB Local).
const send = vi.spyOn(DynamoDBDocumentClient.prototype, 'send');
afterAll(() => send.mockRestore());
const successfulWrites = () =>
  send.mock.calls.filter(
    ([command], index) =>
      WRITES.has((command as { constructor: { name: string } }).constructor.name) &&
      send.mock.settledResults[index]?.type === 'fulfilled',
  ).length;

const adversarialString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    '../../etc/passwd',
    '%00',
    '\u0000',
    '\uD800',
    '‮evil',
    '32.75.01',
    '32.75.01.1001',
    '01JABCDEFGHJKMNPQRSTVWXYZ0',
    "' OR 1=1 --",
    '<script>alert(1)</script>',
    'a'.repeat(5000),
    '9'.repeat(400),
    '-1',
    '1e309',
    'NaN',
  ),
);

const deepNesting = fc.integer({ min: 50, max: 3000 }).map((depth) => '['.repeat(depth) + ']'.repeat(depth));
const pollution = fc.constantFrom(
  '{"__proto__":{"isOperator":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"owner":{"__proto__":{"x":1}}}',
);
const body = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc.object({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
  fc
    .dictionary(adversarialString, fc.oneof(adversarialString, fc.integer(), fc.boolean()))
    .map((v) => JSON.stringify(v)),
  adversarialString,
  deepNesting,
  pollution,
  fc.constant('x'.repeat(70_000)),
  fc.constant('List-Unsubscribe=One-Click'),
);
const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/problem+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  '',
  undefined,
);
const claims = fc.oneof(
  fc.constant(undefined),
  fc.constant(ownerClaims('fuzz-owner')),
  fc.constant(operatorClaims('fuzz-operator')),
  fc.record({
    sub: adversarialString.filter((s) => !s.includes('#')),
    'cognito:groups': fc.constantFrom('[]', '[operators]', 'operators', '[admin]'),
  }),
);

function requestFor(route: AnyRoute) {
  const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
  return fc
    .record({
      params: fc.tuple(...params.map(() => adversarialString)),
      query: fc.dictionary(
        fc.oneof(adversarialString, fc.constantFrom('limit', 'cursor', 'kecamatan', 'token', 'from')),
        adversarialString,
        { maxKeys: 4 },
      ),
      body,
      contentType,
      claims,
      ifMatch: fc.option(fc.constantFrom('"1"', '*', 'W/"2"', 'garbage', '"99999999999"'), {
        nil: undefined,
      }),
    })
    .map(({ params: values, ...rest }) => ({
      ...rest,
      pathParameters: Object.fromEntries(params.map((name, index) => [name, values[index] ?? ''])),
    }));
}

describe('fuzzing every manifest route', () => {
  it('watches writes (so that "writes nothing" can fail)', async () => {
    const { handler } = (await import('../../functions/businesses/register-business.ts')) as {
      handler: Handler;
    };
    send.mockClear();
    const response = await invoke(handler, {
      method: 'POST',
      path: '/businesses',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(registration()),
      claims: ownerClaims('fuzz-writer'),
    });
    expect(response.status).toBe(201);
    expect(successfulWrites()).toBe(1);
  });

  for (const route of routes) {
    it(`${route.method} ${route.path} never answers 5xx and writes nothing when it refuses`, async () => {
      const { handler } = (await import(`../../functions/${route.handler}`)) as { handler: Handler };
      await fc.assert(
        fc.asyncProperty(requestFor(route), async (request) => {
          let path = route.path;
          for (const [name, value] of Object.entries(request.pathParameters)) {
            path = path.replace(`{${name}}`, encodeURIComponent(value.toWellFormed()));
          }
          const search = new URLSearchParams(request.query).toString();
          send.mockClear();
          const response = await invoke(handler, {
            method: route.method,
            path: `${path}${search ? `?${search}` : ''}`,
            routeKey: `${route.method} ${route.path}`,
            pathParameters: request.pathParameters,
            headers: {
              ...(request.contentType !== undefined ? { 'content-type': request.contentType } : {}),
              ...(request.ifMatch ? { 'if-match': request.ifMatch } : {}),
            },
            ...(request.body !== undefined ? { body: request.body } : {}),
            ...(request.claims ? { claims: request.claims } : {}),
          });
          expect(response.status, response.body).toBeLessThan(500);
          if (response.status >= 400) {
            // Pages answer problems with a page that explains them; everything else with problem+json.
            expect(response.headers['content-type']).toBe(
              route.response.errorPages ? 'text/html; charset=utf-8' : 'application/problem+json',
            );
            expect(response.body ?? '').not.toMatch(
              /\bat .*\.(ts|js|mjs):\d+|node_modules|Exception|TypeError/,
            );
            expect(successfulWrites(), `a ${response.status} answer wrote to the table`).toBe(0);
          }
        }),
        { numRuns: RUNS_PER_ROUTE },
      );
    });
  }
});
