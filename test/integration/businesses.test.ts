import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { handler as stats } from '../../functions/businesses/business-stats.ts';
import { handler as remove } from '../../functions/businesses/delete-business.ts';
import { handler as getBusiness } from '../../functions/businesses/get-business.ts';
import { handler as listBusinesses } from '../../functions/businesses/list-businesses.ts';
import { handler as listMine } from '../../functions/businesses/list-my-businesses.ts';
import { handler as register } from '../../functions/businesses/register-business.ts';
import { handler as update } from '../../functions/businesses/update-business.ts';
import { handler as verify } from '../../functions/businesses/verify-business.ts';
import { handler as myData } from '../../functions/me/get-my-data.ts';
import { localClient } from '../../lib/local/dynamodb.ts';
import { randomNib, registration } from '../helpers/businesses.ts';
import { invoke, operatorClaims, ownerClaims } from '../helpers/invoke.ts';

const table = process.env.TABLE_NAME ?? '';
const raw = DynamoDBDocumentClient.from(localClient(inject('dynamoDbEndpoint')));
const operator = operatorClaims('op-1');
const json = { 'content-type': 'application/json' };
let ownerCount = 0;
const newOwner = () => ownerClaims(`it-owner-${Date.now()}-${++ownerCount}`);

const registerAs = (claims: Record<string, string>, body: unknown = registration()) =>
  invoke(register, {
    method: 'POST',
    path: '/businesses',
    headers: json,
    body: JSON.stringify(body),
    claims,
  });

const byId = (id: string) => ({
  routeKey: 'X /businesses/{id}',
  pathParameters: { id },
  path: `/businesses/${id}`,
});
const read = (id: string, claims: Record<string, string>) => invoke(getBusiness, { ...byId(id), claims });
const patch = (id: string, claims: Record<string, string>, body: unknown, ifMatch?: string) =>
  invoke(update, {
    ...byId(id),
    method: 'PATCH',
    headers: { ...json, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
    body: JSON.stringify(body),
    claims,
  });
const erase = (id: string, claims: Record<string, string>) =>
  invoke(remove, { ...byId(id), method: 'DELETE', claims });
/** `ifMatch` null: no If-Match header. */
const decide = (id: string, body: unknown, ifMatch: string | null = '"1"', claims = operator) =>
  invoke(verify, {
    ...byId(id),
    method: 'POST',
    headers: { ...json, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
    body: JSON.stringify(body),
    claims,
  });
const list = (query: string) =>
  invoke(listBusinesses, { path: `/businesses?${query}`, routeKey: 'GET /businesses', claims: operator });
const counts = async () => (await invoke(stats, { path: '/stats/businesses', claims: operator })).json();
const cell = (
  body: { byArea: { kecamatan: string; sizeClass: string; status: string; count: number }[] },
  kecamatan: string,
  sizeClass: string,
  status: string,
) =>
  body.byArea.find(
    (row) => row.kecamatan === kecamatan && row.sizeClass === sizeClass && row.status === status,
  )?.count ?? 0;

describe('business registration on DynamoDB Local', () => {
  it('registers, then the owner and operators can read it and another owner cannot', async () => {
    const owner = newOwner();
    const created = await registerAs(owner);
    expect(created.status).toBe(201);
    const { id } = created.json();
    expect((await read(id, owner)).json()).toMatchObject({
      id,
      status: 'pending',
      name: 'Keripik Tempe Bu Siti',
    });
    expect((await read(id, operator)).status).toBe(200);
    const intruder = await read(id, newOwner());
    expect(intruder.status).toBe(404);
    expect(intruder.body).not.toContain('Siti');
  });

  it('gives exactly one 201 and nineteen 409s to twenty concurrent registrations of one NIB', async () => {
    const nib = randomNib();
    const owner = newOwner();
    const before = await counts();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => registerAs(owner, registration({ nib }))),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
    const after = await counts();
    expect(after.total).toBe(before.total + 1);
    const { Items = [] } = await raw.send(
      new QueryCommand({
        TableName: table,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :o',
        ExpressionAttributeValues: { ':o': `OWNER#${owner.sub}` },
      }),
    );
    expect(Items).toHaveLength(1);
  });

  it('changes with If-Match, refuses a stale ETag and another owner, and moves the NIB guard', async () => {
    const owner = newOwner();
    const first = (await registerAs(owner)).json();
    const oldNib = first.nib as string;
    const newNib = randomNib();
    expect((await patch(first.id, owner, { name: 'Baru' }, '"7"')).status).toBe(412);
    expect((await patch(first.id, newOwner(), { name: 'Baru' }, '"1"')).status).toBe(404);
    expect((await patch(first.id, owner, { status: 'verified' }, '"1"')).status).toBe(400);
    const changed = await patch(
      first.id,
      owner,
      { name: 'Keripik Tempe Bu Siti Jaya', nib: newNib, capital: 2_000_000_000 },
      '"1"',
    );
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).toBe('"2"');
    expect(changed.json()).toMatchObject({
      name: 'Keripik Tempe Bu Siti Jaya',
      nib: newNib,
      size: { class: 'kecil' },
      version: 2,
    });
    expect((await patch(first.id, owner, { name: 'Again' }, '"1"')).status).toBe(412);
    // The old NIB is free again; the new one is taken.
    expect((await registerAs(newOwner(), registration({ nib: oldNib }))).status).toBe(201);
    expect((await registerAs(newOwner(), registration({ nib: newNib }))).status).toBe(409);
  });

  it('keeps verification decisions as history and moves the counters', async () => {
    const owner = newOwner();
    const business = (
      await registerAs(
        owner,
        registration({
          address: { ...registration().address, kecamatan: '32.75.06', kelurahan: '32.75.06.1001' },
        }),
      )
    ).json();
    const before = await counts();
    const certificationId = business.certifications[0].id as string;
    const decided = await decide(business.id, {
      decision: 'verified',
      note: 'Dokumen lengkap',
      certifications: [{ id: certificationId, decision: 'verified' }],
    });
    expect(decided.status).toBe(200);
    const body = decided.json();
    expect(body.status).toBe('verified');
    expect(body.certifications[0]).toMatchObject({ status: 'verified', decidedBy: 'op-1' });
    expect(body.history.map((entry: { action: string }) => entry.action)).toEqual([
      'registered',
      'certification',
      'decision',
    ]);
    const after = await counts();
    expect(cell(after, '32.75.06', 'mikro', 'verified')).toBe(
      cell(before, '32.75.06', 'mikro', 'verified') + 1,
    );
    expect(cell(after, '32.75.06', 'mikro', 'pending')).toBe(
      cell(before, '32.75.06', 'mikro', 'pending') - 1,
    );
    expect(
      (await decide(business.id, { certifications: [{ id: 'nope', decision: 'verified' }] }, '"2"')).status,
    ).toBe(400);
    // The owner's edit of a verified record sends it back to the queue.
    const resubmitted = await patch(business.id, owner, { workers: 4 }, '"2"');
    expect(resubmitted.json()).toMatchObject({ status: 'pending', version: 3 });
  });

  it('lists newest first across pages by index, with filters and a masked NIK', async () => {
    const owner = newOwner();
    const address = { ...registration().address, kecamatan: '32.75.10', kelurahan: '32.75.10.1002' };
    const ids: string[] = [];
    for (let index = 0; index < 5; index++) {
      ids.push(
        (await registerAs(owner, registration({ address, sector: index % 2 ? 'fesyen' : 'kriya' }))).json()
          .id,
      );
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await list(`kecamatan=32.75.10&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      const body = page.json();
      expect(body.items.length).toBeLessThanOrEqual(2);
      for (const item of body.items) {
        expect(item.nikMasked).toMatch(/^\*{12}\d{4}$/);
        seen.push(item.id);
      }
      cursor = body.cursor;
    } while (cursor);
    expect(seen.filter((id) => ids.includes(id))).toEqual([...ids].reverse());
    const fesyen = (await list('kelurahan=32.75.10.1002&sector=fesyen&limit=100'))
      .json()
      .items.map((item: { id: string }) => item.id);
    expect(fesyen.filter((id: string) => ids.includes(id))).toEqual([ids[3], ids[1]]);
    const pending = (await list('status=pending&sizeClass=mikro&limit=100')).json().items;
    expect(
      pending.every(
        (item: { status: string; sizeClass: string }) =>
          item.status === 'pending' && item.sizeClass === 'mikro',
      ),
    ).toBe(true);
  });

  it('erases a business and everything personal tied to it', async () => {
    const owner = newOwner();
    const business = (await registerAs(owner)).json();
    const before = await counts();
    expect((await erase(business.id, newOwner())).status).toBe(404);
    expect((await erase(business.id, operator)).status).toBe(404);
    expect((await erase(business.id, owner)).status).toBe(204);
    expect((await read(business.id, owner)).status).toBe(404);
    expect((await invoke(listMine, { path: '/me/businesses', claims: owner })).json().items).toEqual([]);
    expect((await invoke(myData, { path: '/me/data', claims: owner })).json().businesses).toEqual([]);
    const guard = await raw.send(
      new GetCommand({ TableName: table, Key: { PK: `NIB#${business.nib}`, SK: 'NIB' } }),
    );
    expect(guard.Item).toBeUndefined();
    expect((await counts()).total).toBe(before.total - 1);
    // Nothing left in the table mentions the owner's NIK.
    const leftovers = await raw.send(
      new QueryCommand({
        TableName: table,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :o',
        ExpressionAttributeValues: { ':o': `OWNER#${owner.sub}` },
      }),
    );
    expect(JSON.stringify(leftovers.Items)).not.toContain(business.owner.nik);
  });

  it('shows the owner everything held about them, unmasked', async () => {
    const owner = newOwner();
    const business = (await registerAs(owner)).json();
    const data = (await invoke(myData, { path: '/me/data', claims: owner })).json();
    expect(data.subject).toBe(owner.sub);
    expect(data.businesses).toEqual([
      expect.objectContaining({
        id: business.id,
        owner: expect.objectContaining({ nik: business.owner.nik }),
      }),
    ]);
  });

  it('records each operator read of personal data, and shows the owner who read what', async () => {
    const owner = newOwner();
    const business = (await registerAs(owner)).json();
    await read(business.id, owner);
    await read(business.id, operator);
    await read(business.id, operatorClaims('op-2'));
    const { personalDataAccess } = (await invoke(myData, { path: '/me/data', claims: owner })).json();
    expect(personalDataAccess).toEqual([
      { at: expect.any(String), by: 'op-2', action: 'read', record: { kind: 'business', id: business.id } },
      { at: expect.any(String), by: 'op-1', action: 'read', record: { kind: 'business', id: business.id } },
    ]);
  });

  it('ties a verification decision to the version the operator reviewed (428 without If-Match, 412 stale)', async () => {
    const owner = newOwner();
    const business = (await registerAs(owner)).json();
    const missing = await decide(business.id, { decision: 'verified' }, null);
    expect(missing.status).toBe(428);
    expect(missing.headers['content-type']).toBe('application/problem+json');
    // The owner edits after the operator read version 1: the decision on version 1 is refused.
    expect((await patch(business.id, owner, { workers: 5 }, '"1"')).status).toBe(200);
    expect((await decide(business.id, { decision: 'verified' }, '"1"')).status).toBe(412);
    expect((await read(business.id, owner)).json()).toMatchObject({ status: 'pending', version: 2 });
    const decided = await decide(business.id, { decision: 'verified' }, '"2"');
    expect(decided.status).toBe(200);
    expect(decided.headers.etag).toBe('"3"');
  });

  it("records an operator's change and decision, whose answers show the owner's data, with the write", async () => {
    const owner = newOwner();
    const business = (await registerAs(owner)).json();
    const accesses = async () =>
      (await invoke(myData, { path: '/me/data', claims: owner })).json().personalDataAccess as unknown[];
    // Refused writes record nothing: no data was handed out.
    expect((await patch(business.id, operator, { workers: 6 }, '"9"')).status).toBe(412);
    expect((await decide(business.id, { decision: 'verified' }, '"9"')).status).toBe(412);
    expect((await decide(business.id, { decision: 'verified' }, null)).status).toBe(428);
    expect(await accesses()).toEqual([]);
    const changed = await patch(business.id, operator, { workers: 6 }, '"1"');
    expect(changed.status).toBe(200);
    expect(changed.json().owner.nik).toBe(business.owner.nik);
    const decided = await decide(business.id, { decision: 'verified' }, '"2"', operatorClaims('op-2'));
    expect(decided.status).toBe(200);
    // The owner's own edits are not accesses by someone else.
    expect((await patch(business.id, owner, { workers: 7 }, '"3"')).status).toBe(200);
    expect(await accesses()).toEqual([
      { at: expect.any(String), by: 'op-2', action: 'verify', record: { kind: 'business', id: business.id } },
      { at: expect.any(String), by: 'op-1', action: 'update', record: { kind: 'business', id: business.id } },
    ]);
  });

  describe('one NIK, one person', () => {
    const withNik = (nik: string, dateOfBirth: string, overrides: Record<string, unknown> = {}) =>
      registration({
        owner: { ...registration().owner, nik, dateOfBirth, gender: 'female' },
        ...overrides,
      });
    const someNik = () => {
      const body = registration();
      return { nik: body.owner.nik, dateOfBirth: body.owner.dateOfBirth };
    };
    const guardOf = async (nik: string) => {
      const { nikGuardOf } = await import('../../functions/businesses/identity.ts');
      return (await raw.send(new GetCommand({ TableName: table, Key: nikGuardOf(nik) }))).Item;
    };

    it('refuses a second account registering under a NIK another account holds (409, nothing written)', async () => {
      const { nik, dateOfBirth } = someNik();
      const first = newOwner();
      expect((await registerAs(first, withNik(nik, dateOfBirth))).status).toBe(201);
      // The same person may register more businesses under their NIK.
      expect((await registerAs(first, withNik(nik, dateOfBirth))).status).toBe(201);
      const before = await counts();
      const second = newOwner();
      const refused = await registerAs(second, withNik(nik, dateOfBirth));
      expect(refused.status).toBe(409);
      expect(refused.headers['content-type']).toBe('application/problem+json');
      // Whose NIK it is stays unsaid.
      expect(refused.body).not.toContain(first.sub);
      expect(refused.body).not.toContain(nik);
      expect((await counts()).total).toBe(before.total);
      expect((await invoke(listMine, { path: '/me/businesses', claims: second })).json().items).toEqual([]);
      expect(await guardOf(nik)).toMatchObject({ ownerSub: first.sub, businesses: 2 });
    });

    it('keys the guard by a keyed HMAC of the NIK, never the NIK', async () => {
      const { nik, dateOfBirth } = someNik();
      expect((await registerAs(newOwner(), withNik(nik, dateOfBirth))).status).toBe(201);
      const { nikGuardOf } = await import('../../functions/businesses/identity.ts');
      const guard = await raw.send(new GetCommand({ TableName: table, Key: nikGuardOf(nik) }));
      expect(guard.Item).toMatchObject({ businesses: 1 });
      expect(JSON.stringify(guard.Item)).not.toContain(nik);
      const { createHash } = await import('node:crypto');
      expect(guard.Item?.PK).not.toContain(createHash('sha256').update(nik).digest('base64url'));
    });

    it('frees a NIK when its last business is erased or moves to another NIK', async () => {
      const { nik, dateOfBirth } = someNik();
      const first = newOwner();
      const a = (await registerAs(first, withNik(nik, dateOfBirth))).json();
      const b = (await registerAs(first, withNik(nik, dateOfBirth))).json();
      const second = newOwner();
      expect((await erase(a.id, first)).status).toBe(204);
      // One of the first owner's businesses still uses it.
      expect((await registerAs(second, withNik(nik, dateOfBirth))).status).toBe(409);
      // Changing the NIK to one another account holds is refused too, and changes nothing.
      const other = someNik();
      expect((await registerAs(newOwner(), withNik(other.nik, other.dateOfBirth))).status).toBe(201);
      const taken = await patch(
        b.id,
        first,
        { owner: { ...b.owner, nik: other.nik, dateOfBirth: other.dateOfBirth } },
        '"1"',
      );
      expect(taken.status).toBe(409);
      expect((await read(b.id, first)).json().owner.nik).toBe(nik);
      // Moving the last business to a fresh NIK frees the old one.
      const fresh = someNik();
      const moved = await patch(
        b.id,
        first,
        { owner: { ...b.owner, nik: fresh.nik, dateOfBirth: fresh.dateOfBirth } },
        '"1"',
      );
      expect(moved.status, moved.body).toBe(200);
      const { nikGuardOf } = await import('../../functions/businesses/identity.ts');
      expect(
        (await raw.send(new GetCommand({ TableName: table, Key: nikGuardOf(nik) }))).Item,
      ).toBeUndefined();
      const claimed = await registerAs(second, withNik(nik, dateOfBirth));
      expect(claimed.status).toBe(201);
      // Erasing the last business under a NIK removes its guard.
      expect((await erase(claimed.json().id, second)).status).toBe(204);
      expect(
        (await raw.send(new GetCommand({ TableName: table, Key: nikGuardOf(nik) }))).Item,
      ).toBeUndefined();
      expect((await registerAs(first, withNik(nik, dateOfBirth))).status).toBe(201);
    });
  });
});
