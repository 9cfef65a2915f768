import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { devIssuer } from '../../lib/local/issuer.ts';
import { registration } from '../helpers/businesses.ts';
import { apiClient } from '../helpers/client.ts';

const api = inject('apiUrl');
const issuer = await devIssuer(join(inject('localDir'), 'dev-issuer.json'));
const ownerA = await issuer.sign({ role: 'owner', sub: 'e2e-owner-a' });
const ownerB = await issuer.sign({ role: 'owner', sub: 'e2e-owner-b' });
const operator = await issuer.sign({ role: 'operator', sub: 'e2e-operator' });
const asOwnerA = apiClient(ownerA);
const asOwnerB = apiClient(ownerB);
const asOperator = apiClient(operator);
const newBusiness = () => registration();

// By hand: what the client's types refuse to send on purpose (no If-Match, oversized, not JSON, bad fields).
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
    const created = await asOwnerA.POST('/businesses', { body: newBusiness() });
    expect(created.response.status).toBe(201);
    expect(created.response.headers.get('etag')).toBe('"1"');
    const location = created.response.headers.get('location') ?? '';
    expect(location).toBe(`/businesses/${created.data?.id ?? ''}`);
    const read = await asOwnerA.GET('/businesses/{id}', { params: { path: { id: created.data!.id } } });
    expect(read.response.status).toBe(200);
    expect(read.data?.status).toBe('pending');
  });

  it('answers another owner 404 for every verb on a business not theirs', async () => {
    const { data } = await asOwnerA.POST('/businesses', { body: newBusiness() });
    const path = { id: data!.id };
    expect((await asOwnerB.GET('/businesses/{id}', { params: { path } })).response.status).toBe(404);
    const patch = await asOwnerB.PATCH('/businesses/{id}', {
      params: { path, header: { 'If-Match': '"1"' } },
      body: { name: 'Milik saya' },
    });
    expect(patch.response.status).toBe(404);
    expect((await asOwnerB.DELETE('/businesses/{id}', { params: { path } })).response.status).toBe(404);
    expect((await asOwnerA.GET('/businesses/{id}', { params: { path } })).response.status).toBe(200);
  });

  it('answers 428 to a change without If-Match and 412 to a stale one, then takes the current one', async () => {
    const { data } = await asOwnerA.POST('/businesses', { body: newBusiness() });
    const path = { id: data!.id };
    const missing = await call('PATCH', `/businesses/${data!.id}`, ownerA, { name: 'Tanpa versi' });
    expect(missing.status).toBe(428);
    const stale = await asOwnerA.PATCH('/businesses/{id}', {
      params: { path, header: { 'If-Match': '"7"' } },
      body: { name: 'Versi lama' },
    });
    expect(stale.response.status).toBe(412);
    const fresh = await asOwnerA.PATCH('/businesses/{id}', {
      params: { path, header: { 'If-Match': '"1"' } },
      body: { name: 'Versi baru' },
    });
    expect(fresh.response.status).toBe(200);
    expect(fresh.data?.name).toBe('Versi baru');
    expect(fresh.response.headers.get('etag')).toBe('"2"');
  });

  it('answers 403 to an owner on operator routes and serves operators the masked list', async () => {
    expect((await asOwnerA.GET('/businesses')).response.status).toBe(403);
    expect((await asOwnerA.GET('/stats/businesses')).response.status).toBe(403);
    const page = await asOperator.GET('/businesses', { params: { query: { limit: 5 } } });
    expect(page.response.status).toBe(200);
    expect(page.data?.items.length).toBeLessThanOrEqual(5);
    expect(JSON.stringify(page.data)).not.toMatch(/"nik"|\d{16}|@example\.com|\+628/);
    expect((await asOperator.GET('/stats/businesses')).data?.total).toBeGreaterThan(0);
  });

  it('answers 401 without a token', async () => {
    expect((await apiClient().POST('/businesses', { body: newBusiness() })).response.status).toBe(401);
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

  it('lists an owner’s own businesses, and lets an operator verify one against its current version', async () => {
    const owner = apiClient(await issuer.sign({ role: 'owner', sub: 'e2e-owner-verified' }));
    const { data } = await owner.POST('/businesses', { body: newBusiness() });
    const path = { id: data!.id };
    const mine = await owner.GET('/me/businesses');
    expect(mine.data?.items.map((item) => item.id)).toEqual([path.id]);
    const read = await asOperator.GET('/businesses/{id}', { params: { path } });
    const etag = read.response.headers.get('etag') ?? '';
    const body = { decision: 'verified' as const, note: 'Dokumen lengkap.' };
    const byOwner = await owner.POST('/businesses/{id}/verification', {
      params: { path, header: { 'If-Match': etag } },
      body,
    });
    expect(byOwner.response.status).toBe(403);
    const verified = await asOperator.POST('/businesses/{id}/verification', {
      params: { path, header: { 'If-Match': etag } },
      body,
    });
    expect(verified.response.status).toBe(200);
    expect(verified.data?.status).toBe('verified');
    expect((await owner.GET('/businesses/{id}', { params: { path } })).data?.status).toBe('verified');
  });

  it('erases on request, leaving nothing about the business to read', async () => {
    const owner = apiClient(await issuer.sign({ role: 'owner', sub: 'e2e-owner-erasure' }));
    const { data } = await owner.POST('/businesses', { body: newBusiness() });
    const path = { id: data!.id };
    expect((await owner.DELETE('/businesses/{id}', { params: { path } })).response.status).toBe(204);
    expect((await asOperator.GET('/businesses/{id}', { params: { path } })).response.status).toBe(404);
    expect((await owner.GET('/me/data')).data?.businesses).toEqual([]);
  });
});
