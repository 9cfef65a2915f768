import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as getBusiness } from '../../functions/businesses/get-business.ts';
import { handler as listBusinesses } from '../../functions/businesses/list-businesses.ts';
import { handler as register } from '../../functions/businesses/register-business.ts';
import { handler as update } from '../../functions/businesses/update-business.ts';
import { nikFor, registration } from '../helpers/businesses.ts';
import { cancelled } from '../helpers/dynamodb.ts';
import { invoke, operatorClaims, ownerClaims } from '../helpers/invoke.ts';

const ddb = mockClient(DynamoDBDocumentClient);

const post = (body: unknown, claims = ownerClaims('owner-a')) =>
  invoke(register, {
    method: 'POST',
    path: '/businesses',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    claims,
  });

const errorPaths = async (body: unknown) => {
  const response = await post(body);
  expect(response.status).toBe(400);
  return (response.json().errors as { path: string }[]).map((error) => error.path);
};

describe('POST /businesses', () => {
  beforeEach(() => {
    ddb.reset();
    ddb.on(TransactWriteCommand).resolves({});
  });

  it('registers with one transaction and answers 201 with Location and ETag', async () => {
    const response = await post(registration());
    expect(response.status).toBe(201);
    const body = response.json();
    expect(response.headers.location).toBe(`/businesses/${body.id}`);
    expect(response.headers.etag).toBe('"1"');
    expect(body).toMatchObject({
      status: 'pending',
      ownerId: 'owner-a',
      size: { class: 'mikro', rule: 'capital' },
      npwp: '0012345678901000',
      owner: { mobile: '+6281234567890', email: 'siti@example.com', address: { rt: '003', rw: '007' } },
      certifications: [{ type: 'pirt', status: 'claimed' }],
    });
    expect(body.consent.acceptedAt).toEqual(expect.any(String));
    expect(ddb.calls()).toHaveLength(1);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
  });

  it('reports every bad field at once, each with its path', async () => {
    const body = registration({
      owner: {
        ...registration().owner,
        nik: nikFor('1988-03-14', 'female'),
        dateOfBirth: '1988-03-15',
        mobile: '021-555',
      },
      nib: '12345',
      npwp: '12',
      kbli: ['1079'],
      address: { ...registration().address, kelurahan: '32.75.02.1001' },
      capital: -5,
      annualSales: 1.5,
      consent: { privacyNoticeVersion: '2026-11', accepted: false },
    });
    expect((await errorPaths(body)).sort()).toEqual(
      [
        'address.kelurahan',
        'annualSales',
        'capital',
        'consent.accepted',
        'kbli.0',
        'nib',
        'npwp',
        'owner.mobile',
        'owner.nik',
      ].sort(),
    );
  });

  it('rejects a NIK that contradicts the gender', async () => {
    const owner = { ...registration().owner, gender: 'male' };
    expect(await errorPaths(registration({ owner }))).toEqual(['owner.nik']);
  });

  it('refuses a registration without consent', async () => {
    const { consent: _consent, ...withoutConsent } = registration();
    expect(await errorPaths(withoutConsent)).toEqual(['consent']);
  });

  it('refuses fields an owner may not set, such as status', async () => {
    const paths = await errorPaths({ ...registration(), status: 'verified', id: 'x', size: {} });
    expect(paths.sort()).toEqual(['id', 'size', 'status']);
  });

  it('refuses absurd money figures and prices out of order', async () => {
    const products = [{ name: 'x', priceMin: 20_000, priceMax: 10_000 }];
    expect((await errorPaths(registration({ capital: 1e30, products }))).sort()).toEqual([
      'capital',
      'products.0.priceMax',
    ]);
  });

  it('refuses a business above menengah with 422 naming the figure', async () => {
    const response = await post(registration({ capital: 10_000_000_001 }));
    expect(response.status).toBe(422);
    expect(response.json().errors).toEqual([
      expect.objectContaining({ path: 'capital', code: 'above_menengah' }),
    ]);
    expect(ddb.calls()).toHaveLength(0);
  });

  it('answers 409 when the NIB guard exists', async () => {
    ddb
      .on(TransactWriteCommand)
      .rejects(cancelled(['None', 'None', 'ConditionalCheckFailed', 'None', 'None']));
    const response = await post(registration());
    expect(response.status).toBe(409);
    expect(response.json().detail).toContain('NIB');
  });

  it('retries a transaction conflict and succeeds', async () => {
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled(['None', 'None', 'None', 'TransactionConflict', 'None']))
      .resolves({});
    expect((await post(registration())).status).toBe(201);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 2);
  });

  it('answers 503 with Retry-After when DynamoDB keeps throttling', async () => {
    ddb
      .on(TransactWriteCommand)
      .rejects(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }));
    const response = await post(registration());
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBeDefined();
  });

  it('never answers 5xx to arbitrary JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.jsonValue(), fc.object()), async (value) => {
        const response = await post(JSON.stringify(value));
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
  });

  it('never answers 5xx to mutations of a valid registration', async () => {
    const base = registration();
    const keys = Object.keys(base);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...keys), fc.anything(), async (key, value) => {
        const response = await post({ ...base, [key]: value });
        expect([201, 400, 409, 422]).toContain(response.status);
      }),
      { numRuns: 300 },
    );
  });
});

const stored = (overrides: Record<string, unknown> = {}) => ({
  PK: 'BUSINESS#01JABCDEFGHJKMNPQRSTVWXYZ0',
  SK: 'BUSINESS',
  id: '01JABCDEFGHJKMNPQRSTVWXYZ0',
  ownerSub: 'owner-a',
  status: 'pending',
  version: 3,
  ...registration(),
  owner: { ...registration().owner, mobile: '+6281234567890', email: 'siti@example.com' },
  size: { class: 'mikro', rule: 'capital', basis: 'x' },
  certifications: [],
  consent: { privacyNoticeVersion: '2026-11', acceptedAt: '2026-11-01T00:00:00.000Z' },
  history: [],
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  ...overrides,
});

describe('reading and changing a business', () => {
  const id = '01JABCDEFGHJKMNPQRSTVWXYZ0';
  beforeEach(() => ddb.reset());

  it('reads with one GetItem; another owner gets 404, an operator the record', async () => {
    ddb.on(GetCommand).resolves({ Item: stored() });
    const read = (claims: Record<string, string>) =>
      invoke(getBusiness, {
        path: `/businesses/${id}`,
        routeKey: 'GET /businesses/{id}',
        pathParameters: { id },
        claims,
      });
    const own = await read(ownerClaims('owner-a'));
    expect(own.status).toBe(200);
    expect(own.headers.etag).toBe('"3"');
    expect(own.json()).not.toHaveProperty('PK');
    expect(ddb).toHaveReceivedCommandTimes(GetCommand, 1);
    expect((await read(ownerClaims('owner-b'))).status).toBe(404);
    expect((await read(operatorClaims())).status).toBe(200);
  });

  it('records an operator read before answering, and refuses the read if it cannot be recorded', async () => {
    ddb.on(GetCommand).resolves({ Item: stored() });
    const read = () =>
      invoke(getBusiness, {
        path: `/businesses/${id}`,
        routeKey: 'GET /businesses/{id}',
        pathParameters: { id },
        claims: operatorClaims('op-9'),
      });
    ddb.on(PutCommand).resolves({});
    expect((await read()).status).toBe(200);
    expect(ddb).toHaveReceivedCommandWith(PutCommand, {
      Item: expect.objectContaining({ by: 'op-9', action: 'read' }),
    });
    ddb.on(PutCommand).rejects(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }));
    const refused = await read();
    expect(refused.status).toBe(503);
    expect(refused.body).not.toContain('Siti');
  });

  it('needs If-Match to change (428), refuses a stale one (412) without writing', async () => {
    ddb.on(GetCommand).resolves({ Item: stored() });
    const patch = (headers: Record<string, string>) =>
      invoke(update, {
        method: 'PATCH',
        path: `/businesses/${id}`,
        routeKey: 'PATCH /businesses/{id}',
        pathParameters: { id },
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ name: 'Keripik Tempe Bu Siti Jaya' }),
        claims: ownerClaims('owner-a'),
      });
    expect((await patch({})).status).toBe(428);
    expect((await patch({ 'if-match': '"2"' })).status).toBe(412);
    expect((await patch({ 'if-match': 'garbage' })).status).toBe(412);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 0);
  });

  it('lists one Query page for operators, NIK masked and no contact details', async () => {
    ddb.on(QueryCommand).resolves({
      Items: [stored()],
      LastEvaluatedKey: { PK: 'a', SK: 'b', GSI4PK: 'BUSINESSES', GSI4SK: 'c' },
    });
    const response = await invoke(listBusinesses, {
      path: '/businesses?limit=1',
      routeKey: 'GET /businesses',
      claims: operatorClaims(),
    });
    expect(response.status).toBe(200);
    expect(ddb).toHaveReceivedCommandTimes(QueryCommand, 1);
    const { items, cursor } = response.json();
    expect(items[0].nikMasked).toMatch(/^\*{12}\d{4}$/);
    expect(JSON.stringify(items)).not.toMatch(/\d{16}|\+62|@|capital|annualSales/);
    expect(cursor).toEqual(expect.any(String));
  });

  it('answers 400 to a forged cursor, never 500', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    for (const cursor of [
      '%%%',
      'eyJ4IjoxfQ',
      Buffer.from(JSON.stringify({ PK: 'a', SK: 'b', GSI4PK: 'OTHER', GSI4SK: 'c' })).toString('base64url'),
    ]) {
      const response = await invoke(listBusinesses, {
        path: `/businesses?cursor=${encodeURIComponent(cursor)}`,
        routeKey: 'GET /businesses',
        claims: operatorClaims(),
      });
      expect(response.status, cursor).toBe(400);
    }
    expect(ddb).toHaveReceivedCommandTimes(QueryCommand, 0);
  });
});
