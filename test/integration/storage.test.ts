import { describe, expect, it } from 'vitest';
import {
  objectSize,
  objectWriter,
  PART_BYTES,
  putObject,
  readObject,
  ObjectStoreError,
} from '../../functions/shared/objects.ts';
import { presignObjectUrl } from '../../functions/shared/presign.ts';
import { importReportKey, importUploadKey } from '../../functions/shared/storage-keys.ts';

const text = async (stream: AsyncIterable<Buffer | string>) => {
  let all = '';
  for await (const chunk of stream) all += String(chunk);
  return all;
};

/** The presigned flow and the object helpers against the S3 stand-in, which checks Signature V4. */
describe('files bucket (S3 stand-in)', () => {
  const key = importUploadKey('01JB00000000000000000STORE', 'csv');

  it('takes an upload through a presigned PUT and serves it through a presigned GET', async () => {
    const upload = await presignObjectUrl('PUT', key, { expiresInSeconds: 300, contentType: 'text/csv' });
    const put = await fetch(upload, {
      method: 'PUT',
      body: 'NIK;Nama Usaha\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(put.status).toBe(200);
    const download = await presignObjectUrl('GET', key, {
      expiresInSeconds: 300,
      downloadName: 'data impor.csv',
    });
    const got = await fetch(download);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-disposition')).toBe('attachment; filename="data_impor.csv"');
    expect(await got.text()).toBe('NIK;Nama Usaha\n');
  });

  it('refuses a presigned upload sent with another content type, to another key, or with a forged signature', async () => {
    const upload = await presignObjectUrl('PUT', key, { expiresInSeconds: 300, contentType: 'text/csv' });
    const wrongType = await fetch(upload, {
      method: 'PUT',
      body: 'x',
      headers: { 'content-type': 'text/html' },
    });
    expect(wrongType.status).toBe(403);
    const otherKey = await fetch(upload.replace('/imports/uploads/', '/imports/reports/'), {
      method: 'PUT',
      body: 'x',
      headers: { 'content-type': 'text/csv' },
    });
    expect(otherKey.status).toBe(403);
    const forged = await fetch(upload.replace(/X-Amz-Signature=[0-9a-f]/, 'X-Amz-Signature=z'), {
      method: 'PUT',
      body: 'x',
      headers: { 'content-type': 'text/csv' },
    });
    expect(forged.status).toBe(403);
  });

  it('refuses a presigned URL after it expired', async () => {
    const url = await presignObjectUrl('GET', key, { expiresInSeconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    expect((await fetch(url)).status).toBe(403);
  });

  it('streams an object back and knows its size; a missing object is a 404 error', async () => {
    await putObject(importReportKey('01JB00000000000000000SMALL'), 'a,b\n1,2\n', 'text/csv');
    expect(await text(await readObject(importReportKey('01JB00000000000000000SMALL')))).toBe('a,b\n1,2\n');
    expect(await objectSize(importReportKey('01JB00000000000000000SMALL'))).toBe(8);
    expect(await objectSize(importReportKey('01JB0000000000000000ABSENT'))).toBeUndefined();
    await expect(readObject(importReportKey('01JB0000000000000000ABSENT'))).rejects.toBeInstanceOf(
      ObjectStoreError,
    );
  });

  it('writes a large object in parts, byte for byte, and a small one in one request', async () => {
    const large = importReportKey('01JB00000000000000000LARGE');
    const writer = objectWriter(large, 'text/csv');
    const line = `${'x'.repeat(99)}\n`;
    const lines = Math.ceil((PART_BYTES * 2.5) / line.length);
    for (let index = 0; index < lines; index++) await writer.write(line);
    await writer.close();
    expect(await objectSize(large)).toBe(lines * line.length);
    let bytes = 0;
    for await (const chunk of await readObject(large)) bytes += (chunk as Buffer).byteLength;
    expect(bytes).toBe(lines * line.length);

    const small = objectWriter(importReportKey('01JB00000000000000000TINY0'), 'text/csv');
    await small.write('row,outcome\n');
    await small.close();
    expect(await objectSize(importReportKey('01JB00000000000000000TINY0'))).toBe(12);
  });
});
