import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { devIssuer } from '../../lib/local/issuer.ts';
import { LOCAL_TABLE_NAME } from '../../lib/local/runtime.ts';
import { nikFor, randomNib } from '../helpers/businesses.ts';
import { importedBusiness } from '../helpers/imported.ts';

const api = inject('apiUrl');
const ses = inject('sesUrl');
const issuer = await devIssuer(join(inject('localDir'), 'dev-issuer.json'));
const owner = await issuer.sign({ role: 'owner', sub: 'e2e-claimant' });
const operator = await issuer.sign({ role: 'operator', sub: 'e2e-claims-operator' });

// The import pipeline is another route; its records are written here through the same store function.
Object.assign(process.env, {
  DYNAMODB_ENDPOINT: inject('dynamoDbEndpoint'),
  TABLE_NAME: LOCAL_TABLE_NAME,
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_REGION: process.env.AWS_REGION ?? 'ap-southeast-3',
});
const { createImportedBusiness } = await import('../../functions/businesses/store.ts');

const call = (
  method: string,
  path: string,
  token: string,
  body?: unknown,
  headers: Record<string, string> = {},
) =>
  fetch(`${api}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });

async function codeMailedTo(address: string): Promise<string> {
  for (let attempt = 0; attempt < 100; attempt++) {
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

    const opened = await call('POST', '/claims', owner, { nib: business.nib, nik });
    expect(opened.status).toBe(202);
    const { claimId } = (await opened.json()) as { claimId: string };
    const code = await codeMailedTo(email);

    const claimed = await call('POST', `/claims/${claimId}/confirmation`, owner, { code });
    expect(claimed.status).toBe(200);
    const { notice } = (await claimed.json()) as { notice: { legalBasis: string } };
    expect(notice.legalBasis).toBe('public-task');

    const read = await call('GET', `/businesses/${business.id}`, owner);
    expect(read.status).toBe(200);
    const edited = await call(
      'PATCH',
      `/businesses/${business.id}`,
      owner,
      { name: 'Nasi Uduk Ratna' },
      {
        'if-match': read.headers.get('etag') ?? '',
      },
    );
    expect(edited.status).toBe(200);

    const exported = await call('GET', '/businesses/export?kecamatan=32.75.01', operator);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toMatch(/^text\/csv/);
    const csv = await exported.text();
    const row = csv.split('\r\n').find((line) => line.startsWith(business.id)) ?? '';
    expect(row).toContain('Nasi Uduk Ratna');
    expect(row).toContain(',ya,');
    expect(row).not.toContain(nik);

    const data = (await (await call('GET', '/me/data', owner)).json()) as {
      businesses: { id: string; legalBasis: string; source: { importId: string } }[];
    };
    expect(data.businesses.find((item) => item.id === business.id)).toMatchObject({
      legalBasis: 'public-task',
      source: { importId: business.source.importId },
    });
  });
});
