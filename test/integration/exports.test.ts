import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessIndexKeys, businessKey } from '../../functions/shared/keys.ts';
import { startLocalExports, type LocalExports } from '../../lib/local/export-runner.ts';
import { sqsEvent } from '../../lib/local/lambda-event.ts';
import { nikFor, randomNib } from '../helpers/businesses.ts';
import { importedBusiness } from '../helpers/imported.ts';
import { invoke, operatorClaims, ownerClaims } from '../helpers/invoke.ts';
import { useLocalTable } from '../helpers/local-table.ts';

/*
 * The asynchronous registry export end to end on DynamoDB Local and the S3 stand-in: the route writes a
 * job, the table's stream hands it to the export worker (as `npm start` runs it), legs collect chunks and
 * write the file, and the job's route gives a presigned link to it. Files are read back as they come from
 * S3: CSV as text, XLSX with exceljs's reader.
 */

type Handler = Parameters<typeof invoke>[0];
const TABLE = 'it-exports';
const operator = operatorClaims('op-exports');
const h: Record<string, Handler> = {};
let exports: LocalExports;
const errors: unknown[] = [];

beforeAll(async () => {
  const endpoint = await useLocalTable(TABLE, { EXPORT_INLINE_MAX_ROWS: '50', EXPORT_CHUNK_ROWS: '1000' });
  const handlerOf = (module: { handler: unknown }) => module.handler as Handler;
  h.export = handlerOf(await import('../../functions/businesses/export-businesses.ts'));
  h.job = handlerOf(await import('../../functions/businesses/get-export.ts'));
  h.myData = handlerOf(await import('../../functions/me/get-my-data.ts'));
  exports = await startLocalExports({
    endpoint,
    tableName: TABLE,
    retryDelayMs: 20,
    onError: (error) => errors.push(error),
  });
});

afterAll(() => exports?.stop());

const FORMULA_NAME = '=HYPERLINK("http://x","klik")';

/** `count` imported businesses in one kecamatan, written in batches as the store writes them. */
async function seed(kecamatan: string, count: number) {
  const { ddb, tableName } = await import('../../functions/shared/db.ts');
  const businesses = Array.from({ length: count }, (_, index) => {
    const business = importedBusiness({
      nib: index === 0 ? '0012345678901' : randomNib(),
      name: index === 1 ? FORMULA_NAME : `Usaha ${index}`,
      address: {
        kecamatan,
        kelurahan: `${kecamatan}.1001`,
        rt: '001',
        rw: '002',
        street: 'Jl. Ahmad Yani No. 1',
      },
    });
    return { ...business, owner: { ...business.owner, nik: nikFor('1980-02-03', 'male', index + 1) } };
  });
  for (let start = 0; start < businesses.length; start += 25) {
    await ddb.send(
      new BatchWriteCommand({
        RequestItems: {
          [tableName]: businesses.slice(start, start + 25).map((business) => ({
            PutRequest: {
              Item: {
                ...businessKey(business.id),
                ...businessIndexKeys({
                  id: business.id,
                  kecamatan: business.address.kecamatan,
                  status: business.status,
                }),
                entity: 'business',
                ...business,
              },
            },
          })),
        },
      }),
    );
  }
  return businesses;
}

const startExport = (query: string, claims = operator, headers: Record<string, string> = {}) =>
  invoke(h.export!, {
    path: `/businesses/export?${query}`,
    routeKey: 'GET /businesses/export',
    claims,
    headers,
  });

const jobOf = (id: string, claims = operator) =>
  invoke(h.job!, {
    path: `/exports/${id}`,
    routeKey: 'GET /exports/{id}',
    pathParameters: { id },
    claims,
  });

/** Starts an export, waits for the worker, and gives the finished job with its download link. */
async function exported(query: string) {
  const started = await startExport(query);
  expect(started.status).toBe(202);
  expect(started.headers.location).toBe(`/exports/${started.json().id}`);
  expect(started.json().state).toBe('queued');
  await exports.idle();
  const job = await jobOf(started.json().id as string);
  expect(job.status).toBe(200);
  return job.json() as {
    id: string;
    state: string;
    rows: number;
    error?: string;
    download?: { url: string; fileName: string; bytes: number };
  };
}

describe('asynchronous registry export', () => {
  let seeded: Awaited<ReturnType<typeof seed>>;
  beforeAll(async () => {
    seeded = await seed('32.75.04', 2_500);
  }, 120_000);

  it('writes every row of a large set as CSV: NIK masked, no contacts, no cell starting a formula', async () => {
    const job = await exported('kecamatan=32.75.04&format=csv');
    expect(job).toMatchObject({ state: 'done', rows: 2_500 });
    expect(job.download?.fileName).toMatch(/^umkm-kota-bekasi-\d{4}-\d{2}-\d{2}\.csv$/);
    const file = await fetch(job.download?.url ?? '');
    expect(file.status).toBe(200);
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(bytes.byteLength).toBe(job.download?.bytes);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const lines = text.split('\r\n').filter((line) => line.length > 0);
    expect(lines).toHaveLength(2_501);
    expect(lines[0]?.startsWith('\uFEFFID,Nama Usaha,')).toBe(true);
    const ids = new Set(lines.slice(1).map((line) => line.split(',')[0]));
    for (const business of seeded) expect(ids.has(business.id)).toBe(true);
    expect(text).not.toContain(seeded[5]?.owner.nik);
    expect(text).toContain(`************${seeded[5]?.owner.nik.slice(-4)}`);
    expect(text).not.toContain(seeded[5]?.owner.email);
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""klik"")"`);
    expect(errors).toEqual([]);
  }, 120_000);

  it('writes XLSX with text cells (leading zeros kept, formulas inert) and identity data recorded once per owner read', async () => {
    const job = await exported('kecamatan=32.75.04&format=xlsx&identity=true');
    expect(job).toMatchObject({ state: 'done', rows: 2_500 });
    const file = await fetch(job.download?.url ?? '');
    expect(file.headers.get('content-disposition')).toContain('.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await file.arrayBuffer()) as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('UMKM');
    expect(sheet?.actualRowCount).toBe(2_501);
    const header = (sheet?.getRow(1).values as unknown[]).slice(1);
    expect(header).toContain('No. HP');
    const column = (name: string) => header.indexOf(name) + 1;
    const rows = new Map<string, ExcelJS.Row>();
    sheet?.eachRow((row, number) => {
      if (number > 1) rows.set(row.getCell(1).text, row);
    });
    expect(rows.size).toBe(2_500);
    const withZero = rows.get(seeded[0]?.id ?? '');
    expect(withZero?.getCell(column('NIB')).value).toBe('0012345678901');
    expect(withZero?.getCell(column('NIB')).type).toBe(ExcelJS.ValueType.String);
    expect(withZero?.getCell(column('NIB')).numFmt).toBe('@');
    expect(withZero?.getCell(column('NIK')).value).toBe(seeded[0]?.owner.nik);
    const formula = rows.get(seeded[1]?.id ?? '')?.getCell(column('Nama Usaha'));
    expect(formula?.type).toBe(ExcelJS.ValueType.String);
    expect(formula?.value).toBe(FORMULA_NAME);
    // Each owner's data was recorded as read by the operator once (unclaimed records: under the record).
    const { personalDataAccessOf } = await import('../../functions/audit/store.ts');
    for (const business of [seeded[0], seeded[1], seeded[2_499]]) {
      const accesses = await personalDataAccessOf(`unclaimed-${business?.id}`);
      expect(accesses).toEqual([
        expect.objectContaining({
          by: operator.sub,
          action: 'read',
          record: { kind: 'business', id: business?.id },
        }),
      ]);
    }
  }, 180_000);

  it('goes on from its checkpoint in further legs when time runs short, and two legs never run at once', async () => {
    const { runExportLeg } = await import('../../functions/businesses/export-worker.ts');
    const { useExportQueue } = await import('../../functions/businesses/export-queue.ts');
    const { findExportJob } = await import('../../functions/businesses/export-store.ts');
    // Legs run by hand here: the queue records what the worker would send.
    const sent: string[] = [];
    useExportQueue({
      send: (messages) => Promise.resolve(void sent.push(...messages.map((m) => m.exportId))),
    });
    try {
      const started = await startExport('kecamatan=32.75.04&format=csv&identity=true');
      const id = started.json().id as string;
      await exports.idle();
      /** A leg's clock: plenty of time for its first two checks, then less than the reserve. */
      const shortLeg = () => {
        let calls = 0;
        return () => (++calls <= 2 ? 600_000 : 30_000);
      };
      expect(await runExportLeg(id, shortLeg())).toBe('continued');
      const first = await findExportJob(id);
      expect(first).toMatchObject({ state: 'collecting', chunks: 2, rows: 2_000 });
      expect(sent.filter((sentId) => sentId === id).length).toBeGreaterThanOrEqual(2);
      // A leg holding the job keeps a second delivery out.
      const { takeExportLease } = await import('../../functions/businesses/export-store.ts');
      expect(await takeExportLease(id, 'held', Date.now(), Date.now() + 60_000)).toBeDefined();
      expect(await runExportLeg(id, () => 600_000)).toBe('busy');
      const { saveExportJob } = await import('../../functions/businesses/export-store.ts');
      expect(await saveExportJob(id, 'held', {}, { release: true })).toBe(true);
      expect(await runExportLeg(id, () => 600_000)).toBe('done');
      const done = await findExportJob(id);
      expect(done).toMatchObject({ state: 'done', rows: 2_500, chunks: 3 });
      expect(done?.legs).toBe(3);
      const text = await (await fetch((await jobOf(id)).json().download.url as string)).text();
      expect(text.split('\r\n').filter((line) => line.length > 0)).toHaveLength(2_501);
      // The identity reads were recorded once each, across legs (and the earlier XLSX export's once more).
      const { personalDataAccessOf } = await import('../../functions/audit/store.ts');
      const accesses = await personalDataAccessOf(`unclaimed-${seeded[2_499]?.id}`);
      expect(accesses).toHaveLength(2);
    } finally {
      // Give the local runner its queue back.
      await exports.stop();
      exports = await startLocalExports({
        endpoint: process.env.DYNAMODB_ENDPOINT ?? '',
        tableName: TABLE,
        retryDelayMs: 20,
        onError: (error) => errors.push(error),
      });
    }
  }, 180_000);

  it('records a repeated batch of identity reads once', async () => {
    const { recordPersonalDataAccesses, personalDataAccessOf } =
      await import('../../functions/audit/store.ts');
    const { derivedId } = await import('../../functions/shared/ids.ts');
    const at = new Date().toISOString();
    const record = {
      subjectSub: 'unclaimed-repeat',
      id: derivedId(Date.parse(at), 'export-x:business-y'),
      access: {
        at,
        by: operator.sub,
        action: 'read' as const,
        record: { kind: 'business' as const, id: 'y' },
      },
    };
    await recordPersonalDataAccesses([record]);
    await recordPersonalDataAccesses([record]);
    expect(await personalDataAccessOf('unclaimed-repeat')).toHaveLength(1);
  });
});

describe('export jobs', () => {
  beforeAll(async () => {
    await seed('32.75.05', 60);
  });

  it('answers XLSX asked for by Accept with a job, and a small CSV directly', async () => {
    const xlsx = await startExport('kecamatan=32.75.05', operator, {
      accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    expect(xlsx.status).toBe(202);
    expect(xlsx.json().format).toBe('xlsx');
    const small = await startExport('kecamatan=32.75.06');
    expect(small.status).toBe(200);
    expect(small.headers['content-type']).toMatch(/^text\/csv/);
    await exports.idle();
    expect((await jobOf(xlsx.json().id as string)).json().state).toBe('done');
  }, 60_000);

  it('shows a job to the operator who started it only; owners may not export', async () => {
    const started = await startExport('kecamatan=32.75.05&format=xlsx');
    await exports.idle();
    expect((await jobOf(started.json().id as string, operatorClaims('op-other'))).status).toBe(404);
    expect((await jobOf('01KBCX7M3Q9V2W8Y4Z6A0B1C2D')).status).toBe(404);
    expect((await jobOf('not-an-id')).status).toBe(400);
    expect((await startExport('format=xlsx', ownerClaims('owner-exports'))).status).toBe(403);
    expect((await startExport('format=pdf')).status).toBe(400);
  }, 60_000);

  it('marks a job failed, with a reason and no link, when its legs keep failing', async () => {
    const { deleteObject } = await import('../../functions/shared/objects.ts');
    const { exportChunkKey } = await import('../../functions/shared/storage-keys.ts');
    const { runExportLeg } = await import('../../functions/businesses/export-worker.ts');
    const started = await startExport('kecamatan=32.75.05&format=csv');
    const id = started.json().id as string;
    await exports.idle();
    // Done once; its chunks are gone. Start the same job's assembly again by hand, without chunk 1.
    const { ddb, tableName } = await import('../../functions/shared/db.ts');
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    const { exportJobKey } = await import('../../functions/shared/keys.ts');
    await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: exportJobKey(id),
        UpdateExpression: 'SET #state = :assembling',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':assembling': 'assembling' },
      }),
    );
    await deleteObject(exportChunkKey(id, 1));
    await expect(runExportLeg(id, () => 600_000)).rejects.toThrow(/GetObject/);
    const { handler } = await import('../../functions/businesses/export-worker.ts');
    const result = await handler(
      sqsEvent('export-run', [{ id: 'm-1', body: JSON.stringify({ exportId: id }), receives: 3 }]),
      { getRemainingTimeInMillis: () => 600_000 },
    );
    expect(result).toEqual({ batchItemFailures: [] });
    const job = (await jobOf(id)).json();
    expect(job.state).toBe('failed');
    expect(job.error).toMatch(/failed 3 times/);
    expect(job.download).toBeUndefined();
  }, 60_000);
});
