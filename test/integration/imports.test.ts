import { describe, expect, it } from 'vitest';
import { newId } from '../../functions/shared/ids.ts';
import { newImportJob, type ImportJob, type ImportMessage } from '../../functions/imports/model.ts';
import { planImport } from '../../functions/imports/planner.ts';
import { useImportQueue } from '../../functions/imports/queue.ts';
import { createImport, getImport } from '../../functions/imports/store.ts';
import { handler as workerHandler, importChunk, writeReport } from '../../functions/imports/worker.ts';
import { getBusiness } from '../../functions/businesses/store.ts';
import { putObject, readObject } from '../../functions/shared/objects.ts';
import { sqsEvent } from '../../lib/local/lambda-event.ts';
import { importReportKey, importUploadKey } from '../../functions/shared/storage-keys.ts';
import { REJECTING_DAMAGE, sampleCsv, sampleRows } from '../helpers/import-sample.ts';
import { invoke, operatorClaims, ownerClaims } from '../helpers/invoke.ts';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { handler as eraseBusiness } from '../../functions/businesses/delete-business.ts';
import { handler as printClaimLetter } from '../../functions/claims/print-claim-letter.ts';
import { handler as redeemClaimLetter } from '../../functions/claims/redeem-claim-letter.ts';
import { handler as getImportRoute } from '../../functions/imports/get-import.ts';
import { handler as getImportReportRoute } from '../../functions/imports/get-import-report.ts';
import { handler as listImportsRoute } from '../../functions/imports/list-imports.ts';
import { UPLOAD_WINDOW_PASSED } from '../../functions/imports/upload-window.ts';
import { importJobKey } from '../../functions/shared/keys.ts';
import {
  businessIdByNikName,
  nikNameDigest,
  nikNameGuard,
  nikNameGuardRelease,
} from '../../functions/imports/nik-name.ts';
import { ddb } from '../../functions/shared/db.ts';
import { transactWrite } from '../../functions/shared/dynamo.ts';

/** The in-process import queue: what the planner queues, delivered by `drain` (as SQS would, at least once). */
const queued: ImportMessage[] = [];
useImportQueue({ send: (messages) => (queued.push(...messages), Promise.resolve()) });
const delivered: ImportMessage[] = [];
async function drain() {
  for (let message = queued.shift(); message; message = queued.shift()) {
    delivered.push(message);
    if (message.kind === 'chunk') await importChunk(message);
    else if (message.kind === 'report') await writeReport(message.importId);
  }
}

async function startImport(csv: string, label = 'Pendataan 2023'): Promise<ImportJob> {
  const job = newImportJob({
    id: newId(),
    fileName: 'umkm.csv',
    format: 'csv',
    label,
    createdBy: 'operator-1',
  });
  await createImport(job);
  await putObject(importUploadKey(job.id, 'csv'), csv, 'text/csv');
  await planImport(job.id, 'csv', { chunkRows: 20 });
  await drain();
  return (await getImport(job.id)) as ImportJob;
}

const reportOf = async (id: string) => {
  let text = '';
  for await (const chunk of await readObject(importReportKey(id))) text += String(chunk);
  return text
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .slice(1);
};

describe('bulk import on DynamoDB Local and the S3 stand-in', { timeout: 120_000 }, () => {
  const rows = sampleRows(50, { seed: 11, damageEvery: 2, start: 100_000 });
  const rejectedRows = rows.filter((row) => row.damage && REJECTING_DAMAGE.has(row.damage)).length;

  it('imports a damaged file: repairs what is unambiguous, rejects the rest, counts exactly, reports every row', async () => {
    const job = await startImport(sampleCsv(rows));
    expect(job.state).toBe('done');
    expect(job.rowsRead).toBe(50);
    expect(job.chunksTotal).toBe(3);
    expect(job.rejected).toBe(rejectedRows);
    expect(job.imported).toBe(50 - rejectedRows);
    expect(job.matched + job.conflicts).toBe(0);
    expect(job.looseMatches).toBeGreaterThan(0);
    const report = await reportOf(job.id);
    expect(report).toHaveLength(50);
    expect(report.filter((line) => line.split(',')[1] === 'rejected')).toHaveLength(rejectedRows);
    const scientific = rows.findIndex((row) => row.damage === 'nik-scientific');
    expect(report[scientific]).toMatch(/rejected,NIK: NIK in scientific notation/);
    // An owner without email is imported all the same (they claim by letter), and the report says so.
    const noEmail = rows.findIndex((row) => row.damage === 'email-missing');
    expect(noEmail).toBeGreaterThanOrEqual(0);
    expect(report[noEmail]).toMatch(/^\d+,imported,.*claim the record by letter only/);
    const withoutEmail = await getBusiness(report[noEmail]?.split(',').at(-1) ?? '');
    expect(withoutEmail?.owner.email).toBeUndefined();
    expect(withoutEmail?.owner.nik).toMatch(/^\d{16}$/);
    const imported = report.find((line) => line.includes(',imported,'))?.split(',');
    const business = await getBusiness(imported?.at(-1) ?? '');
    expect(business).toMatchObject({
      legalBasis: 'public-task',
      source: { kind: 'import', importId: job.id },
    });
    expect(business?.ownerSub).toBeUndefined();
  });

  it('imports the same file again without creating anything twice: every valid row matched', async () => {
    const job = await startImport(sampleCsv(rows), 'again');
    expect(job).toMatchObject({
      state: 'done',
      imported: 0,
      matched: 50 - rejectedRows,
      rejected: rejectedRows,
    });
  });

  it('counts a chunk delivered twice once, and creates nothing twice', async () => {
    const fresh = sampleRows(30, { seed: 3, start: 200_000 });
    const job = await startImport(sampleCsv(fresh));
    const chunk = delivered.find((message) => message.kind === 'chunk' && message.importId === job.id);
    if (chunk?.kind !== 'chunk') throw new Error('no chunk');
    await importChunk(chunk);
    expect(await getImport(job.id)).toMatchObject({ imported: 30, matched: 0, chunksDone: 2 });
  });

  it('resumes after a crash mid-chunk: rows written before the crash count once', async () => {
    const fresh = sampleRows(15, { seed: 5, start: 300_000 });
    const now = new Date().toISOString();
    const id = newId();
    await createImport(
      newImportJob({ id, fileName: 'x.csv', format: 'csv', label: 'crash', createdBy: 'op' }, now),
    );
    await putObject(importUploadKey(id, 'csv'), sampleCsv(fresh), 'text/csv');
    await planImport(id, 'csv', { chunkRows: 20 });
    const [chunk] = queued.splice(0);
    if (chunk?.kind !== 'chunk') throw new Error('no chunk');
    // The first delivery wrote half the rows, then the worker died before counting.
    await importChunk({ ...chunk, rows: chunk.rows.slice(0, 7) }, () => now).catch(() => undefined);
    const { ddb } = await import('../../functions/shared/db.ts');
    const { DeleteCommand } = await import('@aws-sdk/lib-dynamodb');
    const { importChunkKey, importJobKey } = await import('../../functions/shared/keys.ts');
    const { UpdateCommand } = await import('@aws-sdk/lib-dynamodb');
    await ddb.send(new DeleteCommand({ TableName: process.env.TABLE_NAME, Key: importChunkKey(id, 1) }));
    await ddb.send(
      new UpdateCommand({
        TableName: process.env.TABLE_NAME,
        Key: importJobKey(id),
        UpdateExpression: 'SET imported = :zero, chunksDone = :zero, #state = :importing',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':zero': 0, ':importing': 'importing' },
      }),
    );
    await importChunk(chunk);
    await drain();
    expect(await getImport(id)).toMatchObject({ state: 'done', imported: 15, matched: 0, rejected: 0 });
  });

  it('imports the first of two rows naming one NIB and matches the second, in one chunk', async () => {
    const [first, second] = sampleRows(2, { seed: 9, start: 400_000 });
    if (!first || !second) throw new Error('no rows');
    first.values.nib = '9120000400777';
    second.values.nib = '9120000400777';
    const job = await startImport(sampleCsv([first, second]));
    expect(job).toMatchObject({ state: 'done', imported: 1, matched: 1, rejected: 0 });
    const report = await reportOf(job.id);
    expect(report[1]).toMatch(/^2,matched,Same NIB as a record on file/);
  });

  it('fails an import whose file has no known header, with the reason', async () => {
    const job = await startImport('foo;bar\n1;2\n');
    expect(job).toMatchObject({ state: 'failed', error: 'No column of the header row names a known field.' });
  });

  it('hands on to a continuation before its time runs out, and the continuations finish the file exactly', async () => {
    const fresh = sampleRows(95, { seed: 13, start: 400_000 });
    const id = newId();
    await createImport(
      newImportJob({ id, fileName: 'big.csv', format: 'csv', label: 'continuation', createdBy: 'op' }),
    );
    await putObject(importUploadKey(id, 'csv'), sampleCsv(fresh), 'text/csv');
    // Each invocation has time for two chunks before it is within `stopBeforeMs` of its timeout.
    const invocation = () => {
      let left = 1; // asked after each chunk queued: plenty of time after the first, 1 minute after the second
      return { remainingMs: () => (left-- > 0 ? 10 * 60_000 : 60_000), stopBeforeMs: 3 * 60_000 };
    };
    const outcomes = [await planImport(id, 'csv', { chunkRows: 10, ...invocation() })];
    const perInvocation: number[] = [];
    for (let guard = 0; guard < 20; guard++) {
      const plans = queued.filter((message) => message.kind === 'plan');
      perInvocation.push(queued.filter((message) => message.kind === 'chunk').length);
      await drain();
      if (plans.length === 0) break;
      expect(plans).toEqual([{ kind: 'plan', importId: id, format: 'csv' }]);
      outcomes.push(await planImport(id, 'csv', { chunkRows: 10, ...invocation() }));
    }
    expect(outcomes.slice(0, -1).every((outcome) => outcome === 'continued')).toBe(true);
    expect(outcomes.at(-1)).toBe('planned');
    expect(outcomes).toHaveLength(5);
    // No invocation queued more than it had time for.
    expect(Math.max(...perInvocation)).toBe(2);
    expect(await getImport(id)).toMatchObject({
      state: 'done',
      rowsRead: 95,
      chunksTotal: 10,
      chunksDone: 10,
      imported: 95,
    });
    expect(await reportOf(id)).toHaveLength(95);
  });

  it('drops a malformed queue message (logged by id only) without failing the batch or the good message', async () => {
    const fresh = sampleRows(5, { seed: 17, start: 450_000 });
    const job = await startImport(sampleCsv(fresh));
    const record = (id: string, body: string) => ({ id, body, receives: 1 });
    const result = await workerHandler(
      sqsEvent('import-work', [
        record('not-json', '{"kind":"chunk",'),
        record('unknown-kind', JSON.stringify({ kind: 'erase', importId: job.id })),
        record(
          'extra-field',
          JSON.stringify({ kind: 'chunk', importId: job.id, chunk: 1, rows: [], nik: '3275015208850001' }),
        ),
        record('report', JSON.stringify({ kind: 'report', importId: job.id })),
      ]),
    );
    expect(result).toEqual({ batchItemFailures: [] });
    expect(await getImport(job.id)).toMatchObject({ state: 'done', imported: 5 });
  });

  it('imports a NIB-less row again after its record was claimed and erased: the NIK + name guard went with it', async () => {
    const [row] = sampleRows(1, { seed: 23, start: 500_000 });
    if (!row) throw new Error('no row');
    row.values.nib = '';
    const first = await startImport(sampleCsv([row]));
    expect(first).toMatchObject({ state: 'done', imported: 1 });
    const businessId = (await reportOf(first.id))[0]?.split(',').at(-1) ?? '';
    expect(await getBusiness(businessId)).toMatchObject({ source: { importId: first.id, row: 1 } });

    // Only its owner erases a record: claimed by letter (reference and NIK), then erased.
    const byId = (suffix = '') => ({
      routeKey: `X /businesses/{id}${suffix}`,
      pathParameters: { id: businessId },
      path: `/businesses/${businessId}${suffix}`,
    });
    const printed = await invoke(printClaimLetter, {
      ...byId('/claim-letter'),
      method: 'POST',
      claims: operatorClaims('op-erasure'),
    });
    expect(printed.status).toBe(200);
    const code = /class="code">([0-9A-Z]{4}-[0-9A-Z]{4})</.exec(printed.body ?? '')?.[1] ?? '';
    const owner = ownerClaims(`erasing-owner-${Date.now()}`);
    const redeemed = await invoke(redeemClaimLetter, {
      method: 'POST',
      path: '/claims/letter',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reference: `${first.id}-1`, nik: row.values.nik, code }),
      claims: owner,
    });
    expect(redeemed.status).toBe(200);
    const erased = await invoke(eraseBusiness, {
      ...byId(),
      method: 'DELETE',
      claims: owner,
    });
    expect(erased.status).toBe(204);
    expect(await getBusiness(businessId)).toBeUndefined();

    const again = await startImport(sampleCsv([row]), 'after erasure');
    expect(again).toMatchObject({ state: 'done', imported: 1, matched: 0 });
    const [line] = await reportOf(again.id);
    const recreated = line?.split(',').at(-1) ?? '';
    expect(line).toMatch(/^1,imported,/);
    expect(recreated).not.toBe(businessId);
    expect(await getBusiness(recreated)).toMatchObject({ source: { importId: again.id, row: 1 } });
  });

  it('erases a NIK + name guard only while it names the erased record', async () => {
    const record = {
      id: newId(),
      name: 'Kopi Guard',
      owner: { nik: '3275015208850001' },
      source: { kind: 'import' as const, importId: newId(), row: 1 },
    } as Parameters<typeof nikNameGuardRelease>[0];
    const digest = nikNameDigest(record.owner.nik, record.name);
    expect(await nikNameGuardRelease(record)).toEqual([]); // no guard
    await ddb.send(new PutCommand(nikNameGuard(digest, 'another-record').Put));
    expect(await nikNameGuardRelease(record)).toEqual([]); // another record's
    expect(await nikNameGuardRelease({ ...record, source: undefined })).toEqual([]); // not imported
    await ddb.send(
      new PutCommand({ ...nikNameGuard(digest, record.id).Put, ConditionExpression: undefined }),
    );
    const release = await nikNameGuardRelease(record);
    expect(release).toHaveLength(1);
    // Taken over by another record between the read and the erasure: the transaction is cancelled.
    await ddb.send(new PutCommand({ ...nikNameGuard(digest, 'third').Put, ConditionExpression: undefined }));
    await expect(transactWrite(release)).rejects.toThrow();
    expect(await businessIdByNikName(digest)).toBe('third');
    await ddb.send(
      new PutCommand({ ...nikNameGuard(digest, record.id).Put, ConditionExpression: undefined }),
    );
    await transactWrite(await nikNameGuardRelease(record));
    expect(await businessIdByNikName(digest)).toBeUndefined();
  });

  /** A job as `POST /imports` writes it, started `minutesAgo`. */
  async function startedAgo(minutesAgo: number): Promise<ImportJob> {
    const createdAt = new Date(Date.now() - minutesAgo * 60_000).toISOString();
    const job: ImportJob = {
      id: newId(),
      fileName: `late-${minutesAgo}.csv`,
      format: 'csv',
      label: 'upload window',
      createdBy: 'op-window',
      createdAt,
      updatedAt: createdAt,
      state: 'awaiting-upload',
      rowsRead: 0,
      imported: 0,
      matched: 0,
      conflicts: 0,
      rejected: 0,
      looseMatches: 0,
      chunksPlanned: 0,
      chunksDone: 0,
    };
    await createImport(job);
    return job;
  }
  const operator = operatorClaims('op-window');
  const readImport = (id: string, suffix = '') =>
    invoke(suffix ? getImportReportRoute : getImportRoute, {
      routeKey: `GET /imports/{id}${suffix}`,
      pathParameters: { id },
      path: `/imports/${id}${suffix}`,
      claims: operator,
    });
  const rawItem = async (id: string) =>
    (await ddb.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: importJobKey(id) }))).Item;

  it('shows an import whose file never came as failed once its upload window passed, and reads no later file', async () => {
    const waiting = await startedAgo(59);
    const expired = await startedAgo(61);
    expect((await readImport(waiting.id)).json()).toMatchObject({ state: 'awaiting-upload' });
    const shown = (await readImport(expired.id)).json();
    expect(shown).toMatchObject({ state: 'failed', error: UPLOAD_WINDOW_PASSED });
    expect(Date.parse(shown.finishedAt) - Date.parse(expired.createdAt)).toBe(60 * 60_000);
    const listed = await invoke(listImportsRoute, { path: '/imports?limit=100', claims: operator });
    const inList = (id: string) => listed.json().items.find((item: { id: string }) => item.id === id);
    expect(inList(expired.id)).toMatchObject({ state: 'failed', error: UPLOAD_WINDOW_PASSED });
    expect(inList(waiting.id)).toMatchObject({ state: 'awaiting-upload' });
    const report = await readImport(expired.id, '/report');
    expect(report.status).toBe(409);
    expect(report.json().detail).toMatch(/failed/);

    // The file arrives after the deadline: not read, and the failure is written.
    await putObject(
      importUploadKey(expired.id, 'csv'),
      sampleCsv(sampleRows(3, { start: 600_000 })),
      'text/csv',
    );
    expect(await planImport(expired.id, 'csv')).toBe('failed');
    expect(queued).toEqual([]);
    expect(await getImport(expired.id)).toMatchObject({
      state: 'failed',
      error: UPLOAD_WINDOW_PASSED,
      rowsRead: 0,
      chunksPlanned: 0,
    });
    expect(await planImport(expired.id, 'csv')).toBe('skipped');
    // Never started, the job expires by TTL (a month after its start).
    const item = await rawItem(expired.id);
    expect(item?.expiresAt).toBe(Math.floor(Date.parse(expired.createdAt) / 1000) + 30 * 24 * 3600);
  });

  it('reads a file begun before the URL expired that finished after it, and then keeps the job', async () => {
    const job = await startedAgo(45);
    expect(typeof (await rawItem(job.id))?.expiresAt).toBe('number');
    await putObject(importUploadKey(job.id, 'csv'), sampleCsv(sampleRows(3, { start: 610_000 })), 'text/csv');
    expect(await planImport(job.id, 'csv')).toBe('planned');
    await drain();
    expect(await getImport(job.id)).toMatchObject({ state: 'done', imported: 3 });
    expect((await readImport(job.id)).json()).toMatchObject({ state: 'done' });
    expect((await rawItem(job.id))?.expiresAt).toBeUndefined();
  });

  it('does not start a file past the deadline even when the planner read the job before it', async () => {
    const job = await startedAgo(61);
    const { startParsing } = await import('../../functions/imports/store.ts');
    expect(await startParsing(job.id, new Date().toISOString())).toBe(false);
    expect(await startParsing(job.id, new Date(Date.now() - 2 * 60_000).toISOString())).toBe(true);
  });
});
