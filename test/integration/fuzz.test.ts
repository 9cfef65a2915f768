import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { routeKeys, routes } from '../../functions/routes.ts';
import type { AnyRoute } from '../../functions/shared/route.ts';
import { registration } from '../helpers/businesses.ts';
import {
  LIST_FIXTURES,
  listPage,
  listRoutes,
  openCursor,
  sealCursor,
  type ListFixture,
} from '../helpers/cursors.ts';
import { useLocalTable } from '../helpers/local-table.ts';
import { invoke, operatorClaims, ownerClaims } from '../helpers/invoke.ts';

/**
 * Fuzzing from the manifest: every route, through the full middleware stack and against DynamoDB Local,
 * with arbitrary and adversarial input. The answer is never a 5xx, a 4xx is always problem+json (a page for
 * page routes) without internals, and a refused request writes nothing.
 */
type Handler = Parameters<typeof invoke>[0];
process.env.ROUTE_KEYS = JSON.stringify(routeKeys());

const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 100);

// Its own table: the lists it seeds for cursors must not show up in the other suites' lists and counts.
beforeAll(async () => {
  await useLocalTable('it-fuzz', { WEB_URL: 'https://umkm.test' });
});
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
    sub: fc.oneof(adversarialString, fc.constantFrom('a#b', 'OWNER#x', 'x'.repeat(3000))),
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

/*
 * The attack classes the last review used, each sent to every field of every route (path parameters,
 * query parameters, every leaf of the body schema, nested ones included). Characters no free text may
 * hold must be refused with a 4xx naming the field; the rest must never give a 5xx.
 */
const REFUSED_EVERYWHERE = {
  // Line breaks are text in multi-line fields (descriptions, notes): they must never give a 5xx (below).
  'control characters': ['bell\u0007', 'esc\u001B[31m', 'del\u007F', 'c1\u0085'],
  'lone surrogates': ['a\uD800b', '\uDC00'],
  NUL: ['a\u0000b'],
  'bidi overrides': ['abc\u202Eevil', '\u2066x\u2069'],
  'invisible only': ['\u200B\u200C\u200D', '\u2060\uFEFF', '\u00AD'],
} as const;
const NEVER_5XX = {
  'HTML and script': [
    '<img src=x onerror=alert(1)>',
    '<script>alert(1)</script>',
    '<a href="https://evil.example">x</a>',
  ],
  'line breaks': ['line\r\nATTACH:https://evil.example', 'bare\rCR', 'a\u2028b'],
  overlong: ['x'.repeat(70_000 / 2), 'é'.repeat(5000)],
  "'#' in ids": ['01JABCDEFGHJKMNPQRSTVWXYZ0#x', 'a#b', '#'],
} as const;

type SchemaNode = { _zod?: { def?: Record<string, unknown> & { type?: string } } };

/** The paths of every leaf of a request schema (an array contributes its first element). */
function leavesOf(schema: SchemaNode | undefined, path: string[] = [], depth = 0): string[][] {
  const def = schema?._zod?.def;
  if (!def || depth > 8) return [path];
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, SchemaNode>).flatMap(([key, child]) =>
        leavesOf(child, [...path, key], depth + 1),
      );
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return leavesOf(def.innerType as SchemaNode, path, depth + 1);
    case 'array':
      return leavesOf(def.element as SchemaNode, [...path, '0'], depth + 1);
    case 'pipe':
      return leavesOf(def.in as SchemaNode, path, depth + 1);
    case 'union': {
      const objects = (def.options as SchemaNode[]).filter((option) => option._zod?.def?.type === 'object');
      if (objects.length === 0) return [path];
      const seen = new Map<string, string[]>();
      for (const leaf of objects.flatMap((option) => leavesOf(option, path, depth + 1)))
        seen.set(leaf.join('.'), leaf);
      return [...seen.values()];
    }
    default:
      return [path];
  }
}

/** A body holding `value` at `path` (objects and arrays made on the way) and nothing else. */
function bodyWith(path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head = '', ...rest] = path;
  const inner = bodyWith(rest, value);
  if (/^\d+$/.test(head)) return [inner];
  return { [head]: inner };
}

const callerFor = (route: AnyRoute) =>
  route.access === 'public'
    ? {}
    : { claims: route.access === 'operator' ? operatorClaims('fuzz-operator') : ownerClaims('fuzz-owner') };

async function attack(
  route: AnyRoute,
  handler: Handler,
  where: 'path' | 'query' | 'body',
  field: string[],
  value: string,
) {
  const params = [...route.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '');
  const pathParameters = Object.fromEntries(
    params.map((name) => [
      name,
      where === 'path' && field[0] === name ? value : '01JABCDEFGHJKMNPQRSTVWXYZ0',
    ]),
  );
  let path = route.path;
  for (const [name, part] of Object.entries(pathParameters))
    path = path.replace(`{${name}}`, encodeURIComponent(part.toWellFormed()));
  const search = where === 'query' ? new URLSearchParams({ [field.join('.')]: value }).toString() : '';
  const isForm = route.bodyFormat === 'form';
  const body =
    where !== 'body'
      ? undefined
      : isForm
        ? new URLSearchParams({ [field.join('.')]: value }).toString()
        : JSON.stringify(bodyWith(field, value));
  send.mockClear();
  const response = await invoke(handler, {
    method: route.method,
    path: `${path}${search ? `?${search}` : ''}`,
    routeKey: `${route.method} ${route.path}`,
    pathParameters,
    headers: {
      ...(body === undefined
        ? {}
        : { 'content-type': isForm ? 'application/x-www-form-urlencoded' : 'application/json' }),
      ...(route.ifMatch ? { 'if-match': '"1"' } : {}),
    },
    ...(body === undefined ? {} : { body }),
    ...callerFor(route),
  });
  const what = `${route.method} ${route.path} ${where} ${field.join('.')}=${JSON.stringify(value).slice(0, 40)}`;
  expect(response.status, `${what}: ${response.body?.slice(0, 300)}`).toBeLessThan(500);
  if (response.status >= 400) {
    expect(response.headers['content-type'], what).toBe(
      route.response.errorPages ? 'text/html; charset=utf-8' : 'application/problem+json',
    );
    expect(successfulWrites(), `${what}: a ${response.status} answer wrote to the table`).toBe(0);
  }
  return { response, what };
}

describe('attack classes on every field of every route', () => {
  for (const route of routes) {
    it(`${route.method} ${route.path}`, async () => {
      const { handler } = (await import(`../../functions/${route.handler}`)) as { handler: Handler };
      const fields: ['path' | 'query' | 'body', string[]][] = [
        ...[...route.path.matchAll(/\{(\w+)\}/g)].map((match): ['path', string[]] => [
          'path',
          [match[1] ?? ''],
        ]),
        ...(route.request.query
          ? leavesOf(route.request.query as unknown as SchemaNode).map((leaf): ['query', string[]] => [
              'query',
              leaf,
            ])
          : []),
        ...(route.request.body
          ? leavesOf(route.request.body as unknown as SchemaNode).map((leaf): ['body', string[]] => [
              'body',
              leaf,
            ])
          : []),
      ];
      for (const [where, field] of fields) {
        for (const values of Object.values(REFUSED_EVERYWHERE)) {
          for (const value of values) {
            const { response, what } = await attack(route, handler, where, field, value);
            expect(response.status, `${what} was accepted`).toBeGreaterThanOrEqual(400);
            // A body field is checked by the schema, so the problem names it (query tokens are checked by
            // the handler, after the body).
            if (where === 'body' && !route.response.errorPages && response.status === 400) {
              const dotted = field.join('.');
              const named = (response.json().errors ?? []).some(
                (error: { in: string; path: string }) =>
                  error.in === where &&
                  (error.path === dotted || (error.path !== '' && dotted.startsWith(`${error.path}.`))),
              );
              expect(
                named,
                `${what}: the problem does not name the field: ${response.body?.slice(0, 300)}`,
              ).toBe(true);
            }
          }
        }
        for (const values of Object.values(NEVER_5XX))
          for (const value of values) await attack(route, handler, where, field, value);
      }
    }, 120_000);
  }
});

describe('real cursors, mutated and replayed', () => {
  const cursors = new Map<string, { fixture: ListFixture; cursor: string }>();

  beforeAll(async () => {
    for (const route of listRoutes()) {
      const fixture = LIST_FIXTURES[route.id]?.();
      if (!fixture) throw new Error(`No cursor fixture for the list route ${route.id}`);
      await fixture.seed();
      const first = await listPage(route, fixture, fixture.first);
      const cursor = fixture.cursorOf(first);
      if (first.status !== 200 || !cursor) throw new Error(`${route.id} gave no cursor`);
      cursors.set(route.id, { fixture, cursor });
    }
  }, 180_000);

  const base64url = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const mutation = (cursor: string) => {
    const { s, k } = openCursor(cursor);
    return fc.oneof(
      // Characters flipped, cut or added in the encoded cursor.
      fc
        .tuple(fc.nat(cursor.length - 1), fc.constantFrom(...base64url))
        .map(([at, char]) => cursor.slice(0, at) + char + cursor.slice(at + 1)),
      fc.nat(cursor.length - 1).map((at) => cursor.slice(0, at)),
      adversarialString.map((tail) => cursor + tail),
      // The decoded cursor edited: a key part replaced, dropped or added, the digest changed.
      fc
        .tuple(fc.constantFrom(...Object.keys(k)), fc.oneof(adversarialString, fc.jsonValue()))
        .map(([name, value]) => sealCursor({ s, k: { ...k, [name]: value } })),
      fc.constantFrom(...Object.keys(k)).map((name) => {
        const { [name]: _dropped, ...rest } = k;
        return sealCursor({ s, k: rest });
      }),
      fc
        .tuple(adversarialString, adversarialString)
        .map(([name, value]) => sealCursor({ s, k: { ...k, [name]: value } })),
      adversarialString.map((digest) => sealCursor({ s: digest, k })),
      fc.jsonValue().map((value) => sealCursor(value)),
    );
  };

  it('never answers 5xx to a real cursor mutated, or replayed with other filters or on another list', async () => {
    const lists = listRoutes();
    expect(cursors.size).toBe(lists.length);
    for (const route of lists) {
      const { fixture } = cursors.get(route.id)!;
      const paths = [fixture.first, ...fixture.others];
      const others = [...cursors.values()].map((entry) => entry.cursor);
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(mutation(cursors.get(route.id)!.cursor), fc.constantFrom(...others)),
          fc.constantFrom(...paths),
          async (cursor, path) => {
            send.mockClear();
            const response = await listPage(route, fixture, path, cursor);
            expect(response.status, `${route.id} ${path}: ${response.body?.slice(0, 200)}`).toBeLessThan(500);
            if (response.status >= 400)
              expect(response.headers['content-type']).toBe(
                route.response.errorPages ? 'text/html; charset=utf-8' : 'application/problem+json',
              );
            expect(successfulWrites()).toBe(0);
          },
        ),
        { numRuns: Math.max(20, Math.floor(RUNS_PER_ROUTE / 2)) },
      );
    }
  }, 300_000);
});
