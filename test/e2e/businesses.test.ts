import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { devIssuer } from '../../lib/local/issuer.ts';
import { registration } from '../helpers/businesses.ts';

const api = inject('apiUrl');
const issuer = await devIssuer(join(inject('localDir'), 'dev-issuer.json'));
const ownerA = await issuer.sign({ role: 'owner', sub: 'e2e-owner-a' });
const ownerB = await issuer.sign({ role: 'owner', sub: 'e2e-owner-b' });
const operator = await issuer.sign({ role: 'operator', sub: 'e2e-operator' });

const call = (
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  headers: Record<string, string> = {},
) =>
  fetch(`${api}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });

describe('businesses over HTTP', () => {
  it('registers with 201, Location and ETag, and reads it back', async () => {
    const created = await call('POST', '/businesses', ownerA, registration());
    expect(created.status).toBe(201);
    const location = created.headers.get('location') ?? '';
    expect(created.headers.get('etag')).toBe('"1"');
    const read = await call('GET', location, ownerA);
    expect(read.status).toBe(200);
    expect(((await read.json()) as { status: string }).status).toBe('pending');
  });

  it('answers another owner 404 for every verb on a business not theirs', async () => {
    const { id } = (await (await call('POST', '/businesses', ownerA, registration())).json()) as {
      id: string;
    };
    expect((await call('GET', `/businesses/${id}`, ownerB)).status).toBe(404);
    expect(
      (await call('PATCH', `/businesses/${id}`, ownerB, { name: 'Milik saya' }, { 'if-match': '"1"' }))
        .status,
    ).toBe(404);
    expect((await call('DELETE', `/businesses/${id}`, ownerB)).status).toBe(404);
    expect((await call('GET', `/businesses/${id}`, ownerA)).status).toBe(200);
  });

  it('answers 403 to an owner on operator routes and serves operators the masked list', async () => {
    expect((await call('GET', '/businesses', ownerA)).status).toBe(403);
    expect((await call('GET', '/stats/businesses', ownerA)).status).toBe(403);
    const page = await call('GET', '/businesses?limit=5', operator);
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).not.toMatch(/"nik"|\d{16}|@example\.com|\+628/);
    expect(
      ((await (await call('GET', '/stats/businesses', operator)).json()) as { total: number }).total,
    ).toBeGreaterThan(0);
  });

  it('answers 401 without a token', async () => {
    expect((await call('POST', '/businesses', undefined, registration())).status).toBe(401);
  });

  it('answers 413 above 64 KiB and 415 to a body that is not JSON', async () => {
    const huge = await call('POST', '/businesses', ownerA, { ...registration(), name: 'x'.repeat(70_000) });
    expect(huge.status).toBe(413);
    expect(huge.headers.get('content-type')).toBe('application/problem+json');
    const text = await call('POST', '/businesses', ownerA, 'name=Toko', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(text.status).toBe(415);
  });

  it('names each bad field in a 400', async () => {
    const response = await call(
      'POST',
      '/businesses',
      ownerA,
      registration({ nib: 'abc', sector: 'tambang' }),
    );
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((error) => error.path).sort()).toEqual(['nib', 'sector']);
  });

  it('erases on request, leaving nothing about the business to read', async () => {
    const owner = await issuer.sign({ role: 'owner', sub: 'e2e-owner-erasure' });
    const { id } = (await (await call('POST', '/businesses', owner, registration())).json()) as {
      id: string;
    };
    expect((await call('DELETE', `/businesses/${id}`, owner)).status).toBe(204);
    expect((await call('GET', `/businesses/${id}`, operator)).status).toBe(404);
    const data = (await (await call('GET', '/me/data', owner)).json()) as { businesses: unknown[] };
    expect(data.businesses).toEqual([]);
  });
});
