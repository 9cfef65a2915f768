import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, inject, it } from 'vitest';
import { devIssuer } from '../../lib/local/issuer.ts';
import { LOCAL_TABLE_NAME } from '../../lib/local/runtime.ts';
import { randomNib } from '../helpers/businesses.ts';
import { apiClient } from '../helpers/client.ts';
import { importedBusiness } from '../helpers/imported.ts';

const issuer = await devIssuer(join(inject('localDir'), 'dev-issuer.json'));
const operator = apiClient(await issuer.sign({ role: 'operator', sub: 'e2e-export-operator' }));
const otherOperator = apiClient(await issuer.sign({ role: 'operator', sub: 'e2e-export-other' }));

// Records to export are written through the store function the import uses.
Object.assign(process.env, {
  DYNAMODB_ENDPOINT: inject('dynamoDbEndpoint'),
  TABLE_NAME: LOCAL_TABLE_NAME,
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  AWS_REGION: process.env.AWS_REGION ?? 'ap-southeast-3',
});
const { createImportedBusiness } = await import('../../functions/businesses/store.ts');

describe('the asynchronous registry export over HTTP', () => {
  it('an operator asks for XLSX → 202 and a job → the local worker writes it → the link downloads every row', async () => {
    const business = importedBusiness({
      nib: randomNib(),
      name: '@SUM(1+1) Kue Lapis',
      address: {
        kecamatan: '32.75.09',
        kelurahan: '32.75.09.1001',
        rt: '001',
        rw: '002',
        street: 'Jl. Raya Jatiasih 9',
      },
    });
    expect(await createImportedBusiness(business)).toEqual({ outcome: 'created' });

    const started = await operator.GET('/businesses/export', {
      params: { query: { kecamatan: '32.75.09', format: 'xlsx' } },
    });
    expect(started.response.status).toBe(202);
    const id = (started.data as { id: string }).id;
    expect(started.response.headers.get('location')).toBe(`/exports/${id}`);

    const poll = async () => {
      for (let attempt = 0; ; attempt++) {
        const { data } = await operator.GET('/exports/{id}', { params: { path: { id } } });
        if (data?.state === 'done' || data?.state === 'failed' || attempt >= 300) return data;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };
    const job = await poll();
    expect(job?.state).toBe('done');
    expect(job?.format).toBe('xlsx');
    // By hand: the file is a presigned download from the bucket, not an API operation.
    const file = await fetch(job?.download?.url ?? '');
    expect(file.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await file.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('UMKM');
    expect(sheet?.actualRowCount).toBe((job?.rows ?? 0) + 1);
    const row = sheet
      ?.getRows(2, job?.rows ?? 0)
      ?.find((candidate) => candidate.getCell(1).text === business.id);
    expect(row?.getCell(2).value).toBe('@SUM(1+1) Kue Lapis');
    expect(row?.getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(JSON.stringify(row?.values)).toContain(`************${business.owner.nik.slice(-4)}`);
    expect(JSON.stringify(row?.values)).not.toContain(business.owner.nik);

    // Another operator does not see the job (its file may hold identity data recorded as read by the first).
    const foreign = await otherOperator.GET('/exports/{id}', { params: { path: { id } } });
    expect(foreign.response.status).toBe(404);
  }, 90_000);
});
