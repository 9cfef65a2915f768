import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, inject, it } from 'vitest';
import { templateHeader } from '../../functions/imports/template.ts';
import { devIssuer } from '../../lib/local/issuer.ts';
import { REJECTING_DAMAGE, sampleCsv, sampleRows, sampleXlsx } from '../helpers/import-sample.ts';
import { apiClient } from '../helpers/client.ts';

/*
 * The bulk import end to end over HTTP, through the typed client (every answer checked against the
 * OpenAPI document by test/e2e/contract.ts): an operator starts an import, PUTs the file to the presigned
 * URL of the S3 stand-in (whose object-created notification wakes the planner, whose chunks reach the
 * workers through the local queue), follows its progress, downloads the row report through its presigned
 * link; an owner claims an imported record with the code the SES stand-in received, edits it, and the
 * operator's export shows the edit. The same file imported again creates nothing.
 */
const ses = inject('sesUrl');
const issuer = await devIssuer(join(inject('localDir'), 'dev-issuer.json'));
const operatorToken = await issuer.sign({ role: 'operator', sub: 'e2e-import-operator' });
const ownerToken = await issuer.sign({ role: 'owner', sub: 'e2e-import-claimant' });
const operator = apiClient(operatorToken);
const owner = apiClient(ownerToken);

type ImportView = Awaited<ReturnType<typeof progress>>;

async function progress(id: string) {
  const { data, error } = await operator.GET('/imports/{id}', { params: { path: { id } } });
  if (!data) throw new Error(JSON.stringify(error));
  return data;
}

async function untilDone(id: string): Promise<ImportView> {
  const seen = new Set<string>();
  for (let attempt = 0; attempt < 600; attempt++) {
    const job = await progress(id);
    seen.add(job.state);
    if (job.state === 'done' || job.state === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`import ${id} not done in time; states seen: ${[...seen].join(', ')}`);
}

async function runImport(csv: string, source: string) {
  const started = await operator.POST('/imports', {
    body: { fileName: 'umkm-e2e.csv', format: 'csv', source },
  });
  expect(started.response.status, JSON.stringify(started.error)).toBe(201);
  const { import: job, upload } = started.data!;
  expect(started.response.headers.get('location')).toBe(`/imports/${job.id}`);
  expect(job.state).toBe('awaiting-upload');
  // No report before the import is done.
  const early = await operator.GET('/imports/{id}/report', { params: { path: { id: job.id } } });
  expect(early.response.status).toBe(409);
  // By hand: the presigned upload goes to the bucket (the S3 stand-in), not to the API.
  const put = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: csv });
  expect(put.status, await put.text()).toBe(200);
  return untilDone(job.id);
}

async function reportOf(id: string) {
  const { data, error } = await operator.GET('/imports/{id}/report', { params: { path: { id } } });
  if (!data) throw new Error(JSON.stringify(error));
  // By hand: the report is a presigned download from the bucket, not an API operation.
  const file = await fetch(data.url);
  expect(file.status).toBe(200);
  const lines = (await file.text())
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]).toBe('row,outcome,reason,record');
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    return { row: Number(cells[0]), outcome: cells[1], record: cells.at(-1) ?? '', line };
  });
}

async function codeMailedTo(address: string): Promise<string> {
  for (let attempt = 0; attempt < 200; attempt++) {
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

describe('bulk import over HTTP', { timeout: 300_000 }, () => {
  const rows = sampleRows(60, { seed: 29, damageEvery: 3, start: 700_000 });
  const csv = sampleCsv(rows);
  const rejecting = rows.filter((row) => row.damage && REJECTING_DAMAGE.has(row.damage)).length;
  let importId = '';

  it('upload → progress → report: repairs what is unambiguous, rejects the rest, counts exactly', async () => {
    const job = await runImport(csv, 'Pendataan e2e 2025');
    importId = job.id;
    expect(job).toMatchObject({
      state: 'done',
      rowsRead: 60,
      imported: 60 - rejecting,
      matched: 0,
      conflicts: 0,
      rejected: rejecting,
      chunksDone: 1,
      chunksTotal: 1,
    });
    expect(job.looseMatches).toBeGreaterThan(0);
    expect(job.finishedAt).toEqual(expect.any(String));

    const report = await reportOf(job.id);
    expect(report.map((line) => line.row)).toEqual(rows.map((_, index) => index + 1));
    rows.forEach((row, index) => {
      const rejected = row.damage !== undefined && REJECTING_DAMAGE.has(row.damage);
      expect(report[index]?.outcome, report[index]?.line).toBe(rejected ? 'rejected' : 'imported');
    });

    const list = await operator.GET('/imports', { params: { query: { limit: 100 } } });
    expect(list.data?.items.map((item) => item.id)).toContain(job.id);
  });

  it('imports the same file again without creating anything twice: matched rows reported', async () => {
    const again = await runImport(csv, 'Pendataan e2e 2025 (ulang)');
    expect(again).toMatchObject({ state: 'done', imported: 0, matched: 60 - rejecting, rejected: rejecting });
    const report = await reportOf(again.id);
    expect(report.filter((line) => line.outcome === 'matched')).toHaveLength(60 - rejecting);
  });

  it('an owner claims an imported record, edits it, and the operator export shows it', async () => {
    const report = await reportOf(importId);
    const index = rows.findIndex(
      (row, at) => !row.damage && row.values.nib !== '' && report[at]?.outcome === 'imported',
    );
    const row = rows[index]!;
    const businessId = report[index]!.record;

    const opened = await owner.POST('/claims', { body: { nib: row.values.nib, nik: row.values.nik } });
    expect(opened.response.status).toBe(202);
    const code = await codeMailedTo(row.values.email);
    const claimed = await owner.POST('/claims/{id}/confirmation', {
      params: { path: { id: opened.data!.claimId } },
      body: { code },
    });
    expect(claimed.response.status, JSON.stringify(claimed.error)).toBe(200);
    expect(claimed.data?.notice.source).toMatchObject({ kind: 'import', importId });

    const read = await owner.GET('/businesses/{id}', { params: { path: { id: businessId } } });
    expect(read.response.status).toBe(200);
    const edited = await owner.PATCH('/businesses/{id}', {
      params: { path: { id: businessId }, header: { 'If-Match': read.response.headers.get('etag') ?? '' } },
      body: { name: 'Toko Hasil Klaim E2E' },
    });
    expect(edited.response.status, JSON.stringify(edited.error)).toBe(200);

    const exported = await operator.GET('/businesses/export', { parseAs: 'text' });
    expect(exported.response.status).toBe(200);
    const line = String(exported.data ?? '')
      .split('\r\n')
      .find((candidate) => candidate.startsWith(businessId));
    expect(line).toContain('Toko Hasil Klaim E2E');
    expect(line).not.toContain(row.values.nik);
  });

  it('serves the template in both formats: the Indonesian header and one example row', async () => {
    const csvTemplate = await operator.GET('/imports/template', {
      params: { query: { format: 'csv' } },
      parseAs: 'text',
    });
    expect(csvTemplate.response.headers.get('content-type')).toMatch(/^text\/csv/);
    const [header, example] = String(csvTemplate.data)
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(header?.split(';')).toEqual(templateHeader());
    expect(example).toContain('3275015208850001');

    const xlsx = await operator.GET('/imports/template', {
      params: { query: { format: 'xlsx' } },
      parseAs: 'arrayBuffer',
    });
    expect(xlsx.response.headers.get('content-disposition')).toContain('.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.data as ArrayBuffer);
    const values = workbook.worksheets[0]?.getRow(1).values as unknown[];
    expect(values.slice(1)).toEqual(templateHeader());
  });

  it('refuses a bad start with 400 naming each bad field', async () => {
    const bad = await operator.POST('/imports', {
      // @ts-expect-error: deliberately wrong input
      body: { fileName: '', format: 'pdf', source: 'x', extra: 1 },
    });
    expect(bad.response.status).toBe(400);
    const paths = (bad.error as { errors: { path: string }[] }).errors.map((error) => error.path);
    expect(paths).toEqual(expect.arrayContaining(['fileName', 'format']));
    const asOwner = await owner.GET('/imports', { params: { query: {} } });
    expect(asOwner.response.status).toBe(403);
  });

  it('npm run import: an XLSX file through the API, a progress line on stderr, the summary and the saved report', async () => {
    const sample = sampleRows(30, { seed: 41, damageEvery: 3, start: 800_000 });
    const refused = sample.filter((row) => row.damage && REJECTING_DAMAGE.has(row.damage)).length;
    const file = join(mkdtempSync(join(tmpdir(), 'umkm-import-cli-')), 'umkm.xlsx');
    writeFileSync(file, await sampleXlsx(sample));
    const child = spawn('node_modules/.bin/tsx', ['bin/import.ts', file, '--source', 'CLI e2e'], {
      env: {
        ...process.env,
        PORT: new URL(inject('apiUrl')).port,
        UMKM_LOCAL_DIR: inject('localDir'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code, `${stdout}\n${stderr}`).toBe(0);
    expect(stderr).toMatch(/\[#{24}\] 100% done/);
    expect(stdout).toMatch(new RegExp(`imported +${30 - refused}\\n`));
    expect(stdout).toMatch(new RegExp(`rejected +${refused}\\n`));
    const saved = /Row report: (.+\.csv)/.exec(stdout)?.[1] ?? '';
    expect(existsSync(saved)).toBe(true);
    const report = readFileSync(saved, 'utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(report).toHaveLength(31);
    const scientific = sample.findIndex((row) => row.damage === 'nik-scientific');
    expect(report[scientific + 1]).toMatch(/rejected,"NIK: NIK stored as a number/);
  });
});
