import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { devIssuer } from '../../lib/local/issuer.ts';
import { LOCAL_TABLE_NAME } from '../../lib/local/runtime.ts';
import { nikFor, randomNib } from '../helpers/businesses.ts';
import { apiClient } from '../helpers/client.ts';
import { importedBusiness } from '../helpers/imported.ts';

const ses = inject('sesUrl');
const issuer = await devIssuer(join(inject('localDir'), 'dev-issuer.json'));
const owner = apiClient(await issuer.sign({ role: 'owner', sub: 'e2e-claimant' }));
const operator = apiClient(await issuer.sign({ role: 'operator', sub: 'e2e-claims-operator' }));

// The import pipeline is another route; its records are written here through the same store function.
Object.assign(process.env, {
  DYNAMODB_ENDPOINT: inject('dynamoDbEndpoint'),
  TABLE_NAME: LOCAL_TABLE_NAME,
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_REGION: process.env.AWS_REGION ?? 'ap-southeast-3',
});
const { createImportedBusiness } = await import('../../functions/businesses/store.ts');

async function codeMailedTo(address: string): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
    // The SES stand-in's mailbox, not the API.
    const { emails } = (await (await fetch(`${ses}/store`)).json()) as {
      emails: { destination: { to: string[] }; body: { text: string } }[];
    };
    const mail = emails.find((candidate) => candidate.destination.to.includes(address));
    const code = mail && /Kode klaim Anda: ([0-9A-Z]{4}-[0-9A-Z]{4})/.exec(mail.body.text)?.[1];
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('no claim mail arrived');
}

describe('claiming an imported record over HTTP', () => {
  it('claim → code from the mail in the SES stand-in → the owner edits → the operator exports it', async () => {
    const email = `klaim-${Date.now()}@example.com`;
    const nik = nikFor('1975-08-17', 'female');
    const business = importedBusiness({
      nib: randomNib(),
      name: 'Warung Nasi Uduk Bu Ratna',
      owner: {
        fullName: 'Ratna Dewi',
        nik,
        gender: 'female',
        dateOfBirth: '1975-08-17',
        mobile: '+62 813 1111 2222',
        email,
        address: { kelurahan: '32.75.01.1002', rt: '4', rw: '9', street: 'Jl. Kenari 8' },
      },
    });
    expect(await createImportedBusiness(business)).toEqual({ outcome: 'created' });

    const opened = await owner.POST('/claims', { body: { nib: business.nib, nik } });
    expect(opened.response.status).toBe(202);
    const { claimId } = opened.data!;
    const code = await codeMailedTo(email);

    const claimed = await owner.POST('/claims/{id}/confirmation', {
      params: { path: { id: claimId } },
      body: { code },
    });
    expect(claimed.response.status).toBe(200);
    expect(claimed.data?.notice.legalBasis).toBe('public-task');

    const path = { id: business.id };
    const read = await owner.GET('/businesses/{id}', { params: { path } });
    expect(read.response.status).toBe(200);
    const edited = await owner.PATCH('/businesses/{id}', {
      params: { path, header: { 'If-Match': read.response.headers.get('etag') ?? '' } },
      body: { name: 'Nasi Uduk Ratna' },
    });
    expect(edited.response.status).toBe(200);

    const exported = await operator.GET('/businesses/export', {
      params: { query: { kecamatan: '32.75.01' } },
      parseAs: 'text',
    });
    expect(exported.response.status).toBe(200);
    expect(exported.response.headers.get('content-type')).toMatch(/^text\/csv/);
    const row = (exported.data ?? '').split('\r\n').find((line) => line.startsWith(business.id)) ?? '';
    expect(row).toContain('Nasi Uduk Ratna');
    expect(row).toContain(',ya,');
    expect(row).not.toContain(nik);

    const data = (await owner.GET('/me/data')).data;
    expect(data?.businesses.find((item) => item.id === business.id)).toMatchObject({
      legalBasis: 'public-task',
      source: { importId: business.source.importId },
    });
  });

  it('an operator prints a claim letter; its code, with the reference and NIK, gives the record to its owner', async () => {
    const nik = nikFor('1968-03-02', 'male');
    const business = importedBusiness({
      nib: randomNib(),
      name: 'Bengkel Las Pak Darto',
      owner: {
        fullName: 'Darto Sugiharto',
        nik,
        gender: 'male',
        dateOfBirth: '1968-03-02',
        mobile: '+62 813 3333 4444',
        email: `surat-${Date.now()}@example.com`,
        address: { kelurahan: '32.75.01.1002', rt: '2', rw: '5', street: 'Jl. Melati 3' },
      },
    });
    expect(await createImportedBusiness(business)).toEqual({ outcome: 'created' });

    const path = { id: business.id };
    expect((await owner.POST('/businesses/{id}/claim-letter', { params: { path } })).response.status).toBe(
      403,
    );
    const printed = await operator.POST('/businesses/{id}/claim-letter', {
      params: { path },
      parseAs: 'text',
    });
    expect(printed.response.status).toBe(200);
    expect(printed.response.headers.get('content-type')).toMatch(/^text\/html/);
    const code = /class="code">([0-9A-Z]{4}-[0-9A-Z]{4})</.exec(printed.data ?? '')?.[1] ?? '';
    expect(code).not.toBe('');

    const claimant = apiClient(await issuer.sign({ role: 'owner', sub: 'e2e-letter-claimant' }));
    const wrongNik = await claimant.POST('/claims/letter', {
      body: { nib: business.nib, nik: nikFor('1990-01-01', 'female'), code },
    });
    expect(wrongNik.response.status).toBe(422);
    const redeemed = await claimant.POST('/claims/letter', {
      body: { reference: `${business.source.importId}-${business.source.row}`, nik, code },
    });
    expect(redeemed.response.status).toBe(200);
    expect(redeemed.data?.business.id).toBe(business.id);
    expect((await claimant.GET('/me/businesses')).data?.items.map((item) => item.id)).toContain(business.id);
  });
});
