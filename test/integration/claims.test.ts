import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { importReference } from '../../functions/businesses/model.ts';
import { mailer as mailerWorker } from '../../functions/workers.ts';
import { createMailTemplates } from '../../lib/local/ses.ts';
import { startStreamMailer, type StreamHandler, type StreamMailer } from '../../lib/local/stream-mailer.ts';
import { loadWorker } from '../../lib/local/workers.ts';
import { nikFor, randomNib } from '../helpers/businesses.ts';
import { importedBusiness } from '../helpers/imported.ts';
import { invoke, operatorClaims, ownerClaims } from '../helpers/invoke.ts';
import { useLocalTable } from '../helpers/local-table.ts';

type Handler = Parameters<typeof invoke>[0];
const ses = inject('sesEndpoint');
const operator = operatorClaims('op-claims');
let mailer: StreamMailer | undefined;
let store: typeof import('../../functions/businesses/store.ts');
const h: Record<string, Handler> = {};

beforeAll(async () => {
  const endpoint = await useLocalTable('it-claims', {
    SES_ENDPOINT: ses,
    MAIL_FROM: 'umkm@umkm.test',
    SES_TEMPLATE_PREFIX: 'itc-',
    WEB_URL: 'https://umkm.test',
    API_URL: 'https://api.umkm.test',
    EXPORT_INLINE_MAX_ROWS: '3',
  });
  await createMailTemplates(ses, 'itc-');
  store = await import('../../functions/businesses/store.ts');
  const handlerOf = (module: { handler: unknown }) => module.handler as Handler;
  h['start-claim'] = handlerOf(await import('../../functions/claims/start-claim.ts'));
  h['confirm-claim'] = handlerOf(await import('../../functions/claims/confirm-claim.ts'));
  h['redeem-claim-letter'] = handlerOf(await import('../../functions/claims/redeem-claim-letter.ts'));
  h['print-claim-letter'] = handlerOf(await import('../../functions/claims/print-claim-letter.ts'));
  h.update = handlerOf(await import('../../functions/businesses/update-business.ts'));
  h.get = handlerOf(await import('../../functions/businesses/get-business.ts'));
  h.erase = handlerOf(await import('../../functions/businesses/delete-business.ts'));
  h.mine = handlerOf(await import('../../functions/businesses/list-my-businesses.ts'));
  h.myData = handlerOf(await import('../../functions/me/get-my-data.ts'));
  h.exportBusinesses = handlerOf(await import('../../functions/businesses/export-businesses.ts'));
  const { handler } = await loadWorker<{ handler: StreamHandler }>(mailerWorker);
  mailer = await startStreamMailer({ endpoint, tableName: 'it-claims', handler, intervalMs: 50 });
});

afterAll(() => mailer?.stop());

let counter = 0;
const newOwner = () => ownerClaims(`claimant-${Date.now()}-${++counter}`);
const json = (body: unknown) => ({
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

async function imported(overrides: Record<string, unknown> = {}, email = `owner${++counter}@example.com`) {
  const nik = nikFor('1979-06-02', 'male');
  const business = importedBusiness({
    nib: randomNib(),
    owner: {
      fullName: 'Bambang Sutrisno',
      nik,
      gender: 'male',
      dateOfBirth: '1979-06-02',
      mobile: '081298765432',
      email,
      address: { kelurahan: '32.75.01.1002', rt: '1', rw: '2', street: 'Jl. Melati 3' },
    },
    ...overrides,
  });
  expect(await store.createImportedBusiness(business)).toEqual({ outcome: 'created' });
  return { business, nik, email };
}

const start = (claims: Record<string, string>, body: unknown) =>
  invoke(h['start-claim']!, { method: 'POST', path: '/claims', ...json(body), claims });
const confirm = (claims: Record<string, string>, id: string, code: string) =>
  invoke(h['confirm-claim']!, {
    method: 'POST',
    path: `/claims/${id}/confirmation`,
    routeKey: 'POST /claims/{id}/confirmation',
    pathParameters: { id },
    ...json({ code }),
    claims,
  });

async function codeMailedTo(address: string): Promise<string | undefined> {
  await mailer?.drain();
  const { emails } = (await (await fetch(`${ses}/store`)).json()) as {
    emails: { destination: { to: string[] }; subject: string; body: { text: string } }[];
  };
  const mail = emails.filter((m) => m.destination.to.includes(address)).at(-1);
  return mail ? /Kode klaim Anda: ([0-9A-Z]{4}-[0-9A-Z]{4})/.exec(mail.body.text)?.[1] : undefined;
}

describe('imported records on DynamoDB Local', () => {
  it('creates an unowned record once per import row and keeps its NIB unique', async () => {
    const { business } = await imported();
    // The same row again (a chunk delivered twice): its record, keyed by the row's reference, is there.
    expect(await store.createImportedBusiness({ ...business, version: 1 })).toEqual({
      outcome: 'duplicate',
      guard: 'reference',
    });
    await expect(
      store.createImportedBusiness({ ...business, id: `${business.id.slice(0, 25)}Z` }),
    ).rejects.toThrow(/keyed by its import reference/);
    expect(await store.findBusinessBy({ reference: importReference(business.source) })).toMatchObject({
      id: business.id,
    });
    expect(
      await store.findBusinessBy({ reference: `${business.source.importId}-${business.source.row + 1}` }),
    ).toBeUndefined();
    const sameNib = importedBusiness({ nib: business.nib });
    expect(await store.createImportedBusiness(sameNib)).toEqual({ outcome: 'duplicate', guard: 'nib' });
    const stored = await store.getBusiness(business.id);
    expect(stored).toMatchObject({ legalBasis: 'public-task', source: { kind: 'import', row: 2 } });
    expect(stored?.ownerSub).toBeUndefined();
  });
});

describe('claiming an imported record', () => {
  it('keeps one NIK to one person: a second account cannot claim a record under a NIK another account holds', async () => {
    const first = await imported();
    const second = await imported({
      owner: { ...first.business.owner, email: `twin${++counter}@example.com` },
    });
    const holder = newOwner();
    const taken = await start(holder, { nib: first.business.nib, nik: first.nik });
    const code = await codeMailedTo(first.email);
    expect((await confirm(holder, taken.json().claimId, code ?? '')).status).toBe(200);

    const stranger = newOwner();
    const tried = await start(stranger, { nib: second.business.nib, nik: first.nik });
    const strangerCode = await codeMailedTo(second.business.owner.email ?? '');
    const refused = await confirm(stranger, tried.json().claimId, strangerCode ?? '');
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.json())).not.toContain(holder.sub);
    expect((await store.getBusiness(second.business.id))?.ownerSub).toBeUndefined();

    const again = await start(holder, { nib: second.business.nib, nik: first.nik });
    const holderCode = await codeMailedTo(second.business.owner.email ?? '');
    expect((await confirm(holder, again.json().claimId, holderCode ?? '')).status).toBe(200);
  });

  it('mails a code to the address on record; the code makes the caller the owner who then sees, edits and erases', async () => {
    const { business, nik, email } = await imported();
    const owner = newOwner();
    const opened = await start(owner, { nib: business.nib, nik });
    expect(opened.status).toBe(202);
    const code = await codeMailedTo(email);
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);

    const claimed = await confirm(owner, opened.json().claimId, (code ?? '').toLowerCase());
    expect(claimed.status).toBe(200);
    expect(claimed.json()).toMatchObject({
      business: { id: business.id, ownerId: owner.sub, legalBasis: 'public-task' },
      notice: { legalBasis: 'public-task', source: { kind: 'import', importId: business.source.importId } },
    });
    expect(claimed.json().notice.text.id).toMatch(/tugas pelayanan publik/);

    const mine = await invoke(h.mine!, { path: '/me/businesses', claims: owner });
    expect(mine.json().items.map((item: { id: string }) => item.id)).toEqual([business.id]);
    const data = (await invoke(h.myData!, { path: '/me/data', claims: owner })).json();
    expect(data.businesses[0]).toMatchObject({ legalBasis: 'public-task', source: business.source });

    const byId = {
      routeKey: 'X /businesses/{id}',
      pathParameters: { id: business.id },
      path: `/businesses/${business.id}`,
    };
    const read = await invoke(h.get!, { ...byId, claims: owner });
    const edited = await invoke(h.update!, {
      ...byId,
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'if-match': read.headers.etag ?? '' },
      body: JSON.stringify({ name: 'Bakso Pak Bambang' }),
      claims: owner,
    });
    expect(edited.status).toBe(200);
    expect((await confirm(owner, opened.json().claimId, code ?? '')).status).toBe(409);
    expect((await invoke(h.erase!, { ...byId, method: 'DELETE', claims: owner })).status).toBe(204);
    expect(await store.getBusiness(business.id)).toBeUndefined();
  });

  it('answers the same whether or not the NIB and NIK are on file, and mails nothing on a mismatch', async () => {
    const { business, email } = await imported();
    const someone = newOwner();
    const wrongNik = await start(someone, { nib: business.nib, nik: nikFor('1990-01-01', 'female') });
    const unknownNib = await start(newOwner(), { nib: randomNib(), nik: nikFor('1990-01-01', 'female') });
    for (const answer of [wrongNik, unknownNib]) {
      expect(answer.status).toBe(202);
      expect(Object.keys(answer.json()).sort()).toEqual(['claimId', 'expiresAt', 'message']);
    }
    expect(wrongNik.json().message).toEqual(unknownNib.json().message);
    expect(await codeMailedTo(email)).toBeUndefined();
    const refused = await confirm(someone, wrongNik.json().claimId, 'ABCD-EFGH');
    expect(refused.status).toBe(422);
    expect(refused.json().type).toBe('/problems/claim-code-refused');
  });

  it('allows five tries at a code, then refuses even the right one', async () => {
    const { business, nik, email } = await imported();
    const owner = newOwner();
    const { claimId } = (await start(owner, { nib: business.nib, nik })).json();
    const code = (await codeMailedTo(email)) ?? '';
    for (let attempt = 1; attempt <= 5; attempt++)
      expect((await confirm(owner, claimId, 'ZZZZ-ZZZZ')).status).toBe(422);
    expect((await confirm(owner, claimId, code)).status).toBe(409);
    expect((await store.getBusiness(business.id))?.ownerSub).toBeUndefined();
  });

  it('hides a claim from another account', async () => {
    const { business, nik } = await imported();
    const { claimId } = (await start(newOwner(), { nib: business.nib, nik })).json();
    expect((await confirm(newOwner(), claimId, 'ABCD-EFGH')).status).toBe(404);
  });

  it('caps claims naming one NIB per day with 429, on file or not', async () => {
    const nib = randomNib();
    const answers = [];
    for (let index = 0; index < 6; index++)
      answers.push((await start(newOwner(), { nib, nik: nikFor('1990-01-01', 'female') })).status);
    expect(answers).toEqual([202, 202, 202, 202, 202, 429]);
  });

  it('prints a letter whose code, with the NIB and NIK, claims the record once', async () => {
    const { business, nik } = await imported({}, 'no-mail-used@example.com');
    const printed = await invoke(h['print-claim-letter']!, {
      method: 'POST',
      path: `/businesses/${business.id}/claim-letter`,
      routeKey: 'POST /businesses/{id}/claim-letter',
      pathParameters: { id: business.id },
      claims: operator,
    });
    expect(printed.status).toBe(200);
    expect(printed.headers['content-type']).toMatch(/text\/html/);
    expect(printed.body).toContain('Surat Klaim Data Usaha');
    const code = /class="code">([0-9A-Z]{4}-[0-9A-Z]{4})</.exec(printed.body ?? '')?.[1] ?? '';
    expect(code).not.toBe('');
    const owner = newOwner();
    const redeem = (claims: Record<string, string>, body: unknown) =>
      invoke(h['redeem-claim-letter']!, { method: 'POST', path: '/claims/letter', ...json(body), claims });
    expect(
      (await redeem(owner, { nib: business.nib, nik: nikFor('1990-01-01', 'female'), code })).status,
    ).toBe(422);
    const done = await redeem(owner, {
      reference: `${business.source.importId}-${business.source.row}`,
      nik,
      code,
    });
    expect(done.status).toBe(200);
    expect(done.json().business.ownerId).toBe(owner.sub);
    expect((await redeem(newOwner(), { nib: business.nib, nik, code })).status).toBe(422);
  });
});

describe('an imported record without email', () => {
  const mailCount = async () => {
    await mailer?.drain();
    return ((await (await fetch(`${ses}/store`)).json()) as { emails: unknown[] }).emails.length;
  };

  it('is claimed by letter only: a claim by code answers as for a mismatch and mails nothing; the owner then edits it', async () => {
    const nik = nikFor('1981-03-04', 'female');
    const business = importedBusiness({
      nib: randomNib(),
      owner: {
        fullName: 'Sri Wahyuni',
        nik,
        gender: 'female',
        dateOfBirth: '1981-03-04',
        mobile: '081277788899',
        address: { kelurahan: '32.75.01.1002', rt: '3', rw: '4', street: 'Jl. Kenanga 5' },
      },
    });
    expect(business.owner.email).toBeUndefined();
    expect(await store.createImportedBusiness(business)).toEqual({ outcome: 'created' });

    const before = await mailCount();
    const claimant = newOwner();
    const matching = await start(claimant, { nib: business.nib, nik });
    const unknown = await start(newOwner(), { nib: randomNib(), nik });
    for (const answer of [matching, unknown]) {
      expect(answer.status).toBe(202);
      expect(Object.keys(answer.json()).sort()).toEqual(['claimId', 'expiresAt', 'message']);
    }
    expect(matching.json().message).toEqual(unknown.json().message);
    expect(await mailCount()).toBe(before);
    const refused = await confirm(claimant, matching.json().claimId, 'ABCD-EFGH');
    expect(refused.status).toBe(422);
    expect(refused.json().type).toBe('/problems/claim-code-refused');

    const printed = await invoke(h['print-claim-letter']!, {
      method: 'POST',
      path: `/businesses/${business.id}/claim-letter`,
      routeKey: 'POST /businesses/{id}/claim-letter',
      pathParameters: { id: business.id },
      claims: operator,
    });
    expect(printed.status).toBe(200);
    const code = /class="code">([0-9A-Z]{4}-[0-9A-Z]{4})</.exec(printed.body ?? '')?.[1] ?? '';
    const redeemed = await invoke(h['redeem-claim-letter']!, {
      method: 'POST',
      path: '/claims/letter',
      ...json({ nib: business.nib, nik, code }),
      claims: claimant,
    });
    expect(redeemed.status).toBe(200);
    expect(redeemed.json().business.ownerId).toBe(claimant.sub);

    const byId = {
      routeKey: 'X /businesses/{id}',
      pathParameters: { id: business.id },
      path: `/businesses/${business.id}`,
    };
    const read = await invoke(h.get!, { ...byId, claims: claimant });
    expect(read.json().owner.email).toBeUndefined();
    const edited = await invoke(h.update!, {
      ...byId,
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'if-match': read.headers.etag ?? '' },
      body: JSON.stringify({ workers: 4 }),
      claims: claimant,
    });
    expect(edited.status).toBe(200);
    expect(edited.json()).toMatchObject({ workers: 4, ownerId: claimant.sub });
  });
});

describe('registry export', () => {
  const exportCsv = (query: string, claims: Record<string, string> = operator) =>
    invoke(h.exportBusinesses!, {
      path: `/businesses/export?${query}`,
      routeKey: 'GET /businesses/export',
      claims,
    });

  it('masks the NIK and leaves out contacts by default; identity data is recorded for each owner read', async () => {
    const { business, nik, email } = await imported({
      name: '=HYPERLINK("http://x","klik")',
      address: { ...importedBusiness().address, kecamatan: '32.75.02', kelurahan: '32.75.02.1001' },
    });
    const masked = await exportCsv('kecamatan=32.75.02');
    expect(masked.status).toBe(200);
    expect(masked.headers['content-type']).toMatch(/^text\/csv/);
    const text = masked.body ?? '';
    expect(text.startsWith('\uFEFFID,Nama Usaha,')).toBe(true);
    expect(text).toContain(business.id);
    expect(text).not.toContain(nik);
    expect(text).not.toContain(email);
    expect(text).toContain(`************${nik.slice(-4)}`);
    // No cell starts a formula: the name is written as text.
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""klik"")"`);

    const full = await exportCsv('kecamatan=32.75.02&identity=true');
    expect(full.body).toContain(nik);
    expect(full.body).toContain(email);

    // Claimed, the owner's /me/data shows who exported their identity data.
    const owner = newOwner();
    const { claimId } = (await start(owner, { nib: business.nib, nik })).json();
    expect((await confirm(owner, claimId, (await codeMailedTo(email)) ?? '')).status).toBe(200);
    await exportCsv('kecamatan=32.75.02&identity=true');
    const data = (await invoke(h.myData!, { path: '/me/data', claims: owner })).json();
    expect(JSON.stringify(data)).toContain(operator.sub);
  });

  it('answers a set larger than one answer with an export job (202 and its Location)', async () => {
    for (let index = 0; index < 5; index++)
      await imported({
        nib: randomNib(),
        address: { ...importedBusiness().address, kecamatan: '32.75.03', kelurahan: '32.75.03.1001' },
      });
    const answer = await exportCsv('kecamatan=32.75.03');
    expect(answer.status).toBe(202);
    const job = answer.json() as { id: string; state: string; format: string };
    expect(job).toMatchObject({ state: 'queued', format: 'csv' });
    expect(answer.headers.location).toBe(`/exports/${job.id}`);
  });

  it('is for operators only', async () => {
    expect((await exportCsv('', newOwner())).status).toBe(403);
  });
});
