import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { BODY_LIMIT_BYTES, httpHandler } from '../../functions/shared/http.ts';
import { conflict } from '../../functions/shared/problem.ts';
import { defineRoute } from '../../functions/shared/route.ts';
import { invoke, operatorClaims, ownerClaims } from '../helpers/invoke.ts';

const echoRoute = defineRoute({
  id: 'echo',
  method: 'POST',
  path: '/things/{id}',
  handler: 'test/echo.ts',
  access: 'owner',
  tag: 'Test',
  summary: 'echo',
  request: {
    path: z.strictObject({ id: z.string().check(z.regex(/^\d+$/)) }),
    query: z.strictObject({
      limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100))),
    }),
    body: z.strictObject({
      name: z.string().check(z.minLength(1)),
      owner: z.strictObject({ nik: z.string().check(z.regex(/^\d{16}$/)) }),
    }),
  },
  response: { status: 201, description: 'echoed' },
});

let failWith: Error | undefined;
const echo = httpHandler(echoRoute, async ({ path, query, body, caller }) => {
  if (failWith) throw failWith;
  return { status: 201, body: { id: path.id, limit: query.limit, name: body.name, sub: caller.sub } };
});

const operatorRoute = defineRoute({
  id: 'operatorOnly',
  method: 'GET',
  path: '/ops',
  handler: 'test/ops.ts',
  access: 'operator',
  tag: 'Test',
  summary: 'ops',
  request: {},
  response: { status: 200, description: 'ok' },
});
const operatorOnly = httpHandler(operatorRoute, async ({ caller }) => ({ body: { sub: caller.sub } }));

const valid = { name: 'Keripik Bu Siti', owner: { nik: '3275014101900001' } };
const post = (overrides: Partial<Parameters<typeof invoke>[1]> = {}) =>
  invoke(echo, {
    method: 'POST',
    path: '/things/42',
    routeKey: 'POST /things/{id}',
    pathParameters: { id: '42' },
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(valid),
    claims: ownerClaims('owner-a'),
    ...overrides,
  });

describe('the HTTP stack', () => {
  it('passes typed, validated input and the caller to the handler', async () => {
    failWith = undefined;
    const response = await post({ path: '/things/42?limit=5' });
    expect(response.status).toBe(201);
    expect(response.json()).toEqual({ id: '42', limit: 5, name: 'Keripik Bu Siti', sub: 'owner-a' });
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['x-correlation-id']).toBeTruthy();
  });

  it('answers 401 without a verified caller on an owner route', async () => {
    const response = await post({ claims: undefined });
    expect(response.status).toBe(401);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.headers['www-authenticate']).toBe('Bearer');
  });

  it('answers 403 to an owner on an operator route and 200 to an operator', async () => {
    const forbidden = await invoke(operatorOnly, { path: '/ops', claims: ownerClaims() });
    expect(forbidden.status).toBe(403);
    expect(forbidden.json()).toMatchObject({ status: 403, title: 'Forbidden' });
    const allowed = await invoke(operatorOnly, { path: '/ops', claims: operatorClaims('op-7') });
    expect(allowed.status).toBe(200);
    expect(allowed.json()).toEqual({ sub: 'op-7' });
  });

  it('names every bad field at once, in path, query and body', async () => {
    const response = await post({
      path: '/things/abc?limit=0',
      pathParameters: { id: 'abc' },
      body: JSON.stringify({ name: '', owner: { nik: '123' } }),
    });
    expect(response.status).toBe(400);
    const problem = response.json();
    expect(problem).toMatchObject({ type: '/problems/validation', status: 400, title: 'Bad Request' });
    const fields = problem.errors.map((error: { in: string; path: string }) => `${error.in}:${error.path}`);
    expect(fields.sort()).toEqual(['body:name', 'body:owner.nik', 'path:id', 'query:limit']);
    for (const error of problem.errors) expect(error.message).toEqual(expect.any(String));
  });

  it('rejects unknown fields, each named, including prototype keys', async () => {
    const response = await post({
      body: `{"name":"x","owner":{"nik":"3275014101900001","__proto__":{"admin":true}},"status":"verified"}`,
    });
    expect(response.status).toBe(400);
    const paths = response
      .json()
      .errors.map((error: { path: string; code: string }) => [error.path, error.code]);
    expect(paths).toEqual(
      expect.arrayContaining([
        ['owner.__proto__', 'unrecognized_key'],
        ['status', 'unrecognized_key'],
      ]),
    );
  });

  it('rejects an unknown query parameter', async () => {
    const response = await post({ path: '/things/42?debug=1' });
    expect(response.status).toBe(400);
    expect(response.json().errors).toEqual([
      expect.objectContaining({ in: 'query', path: 'debug', code: 'unrecognized_key' }),
    ]);
  });

  it('reports a missing required field as required', async () => {
    const response = await post({ body: JSON.stringify({ name: 'x' }) });
    expect(response.json().errors).toEqual([
      { in: 'body', path: 'owner', code: 'required', message: 'Required.' },
    ]);
  });

  it('answers 400 to malformed JSON without echoing it', async () => {
    const response = await post({ body: '{"name": "secret-3275014101900001"' });
    expect(response.status).toBe(400);
    expect(response.body).not.toContain('3275014101900001');
    expect(response.json().errors[0]).toMatchObject({ code: 'invalid_json' });
  });

  it('answers 415 to a body that is not JSON', async () => {
    const response = await post({ headers: { 'content-type': 'text/plain' } });
    expect(response.status).toBe(415);
    const missingType = await post({ headers: {} });
    expect(missingType.status).toBe(415);
  });

  it('accepts JSON with a charset and +json types', async () => {
    failWith = undefined;
    expect((await post({ headers: { 'content-type': 'application/json; charset=utf-8' } })).status).toBe(201);
    expect((await post({ headers: { 'content-type': 'application/merge-patch+json' } })).status).toBe(201);
  });

  it('answers 413 above 64 KiB and takes exactly 64 KiB', async () => {
    const padded = (size: number) => {
      const base = JSON.stringify({ ...valid, name: '' });
      return JSON.stringify({ ...valid, name: 'a'.repeat(size - base.length) });
    };
    expect(Buffer.byteLength(padded(BODY_LIMIT_BYTES))).toBe(BODY_LIMIT_BYTES);
    expect((await post({ body: padded(BODY_LIMIT_BYTES) })).status).toBe(201);
    const tooLarge = await post({ body: padded(BODY_LIMIT_BYTES + 1) });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.headers['content-type']).toBe('application/problem+json');
  });

  it('turns a thrown problem into its status', async () => {
    failWith = conflict('A business with this NIB is registered already.');
    const response = await post();
    failWith = undefined;
    expect(response.status).toBe(409);
    expect(response.json()).toMatchObject({
      status: 409,
      detail: 'A business with this NIB is registered already.',
    });
  });

  it('answers an unexpected error with 500, a correlation id and no internals', async () => {
    failWith = new Error('ConditionalCheckFailed on PK=BUSINESS#3275014101900001 at /var/task/index.mjs');
    const response = await post();
    failWith = undefined;
    expect(response.status).toBe(500);
    const problem = response.json();
    expect(problem.correlationId).toBe(response.headers['x-correlation-id']);
    expect(response.body).not.toMatch(/3275014101900001|var\/task|ConditionalCheck|at /);
  });

  it('sets security headers on success and on errors', async () => {
    for (const response of [await post(), await post({ body: '{' })]) {
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['strict-transport-security']).toMatch(/max-age=/);
      expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    }
  });
});
