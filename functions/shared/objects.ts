import { Readable } from 'node:stream';
import { bucketName, objectRequest, requestUrl, signRequest, type ObjectRequest } from './presign.ts';

/**
 * Reading and writing objects of the stack's bucket from functions: streamed reads, and writes that go
 * out in parts once they outgrow one part, so that no function holds a whole file. Plain `fetch` with
 * requests signed by `presign.ts` (no S3 client in the bundle; the README says what that saves).
 */

/** S3's smallest part but the last; parts are sent when this much is buffered. */
export const PART_BYTES = 8 * 1024 * 1024;

export class ObjectStoreError extends Error {
  override readonly name = 'ObjectStoreError';
  constructor(
    readonly operation: string,
    readonly status: number,
  ) {
    super(`S3 ${operation} failed with HTTP ${status}`);
  }
}

async function send(request: ObjectRequest, operation: string): Promise<Response> {
  const signed = await signRequest(request);
  const { host: _host, ...headers } = signed.headers;
  const response = await fetch(requestUrl(signed), {
    method: signed.method,
    headers,
    ...(signed.body === undefined ? {} : { body: signed.body }),
  });
  if (!response.ok) {
    await response.body?.cancel();
    throw new ObjectStoreError(operation, response.status);
  }
  return response;
}

/** The object's bytes as a Node stream, read as they arrive. A missing object is an `ObjectStoreError` 404. */
export async function readObject(key: string): Promise<Readable> {
  const response = await send(objectRequest('GET', key), 'GetObject');
  if (!response.body) return Readable.from([]);
  return Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
}

/** The object's size in bytes, or undefined when there is none. */
export async function objectSize(key: string): Promise<number | undefined> {
  try {
    const response = await send(objectRequest('HEAD', key), 'HeadObject');
    return Number(response.headers.get('content-length') ?? 0);
  } catch (error) {
    if (error instanceof ObjectStoreError && error.status === 404) return undefined;
    throw error;
  }
}

/** Writes a small object in one request. */
export async function putObject(key: string, body: string | Uint8Array, contentType: string): Promise<void> {
  await send(objectRequest('PUT', key, {}, { 'content-type': contentType }, body), 'PutObject');
}

/**
 * The object's first `bytes` bytes (fewer when it is shorter) and its whole size, with one ranged GET:
 * what a function needs to check a file's type and header without downloading it.
 */
export async function readObjectHead(
  key: string,
  bytes: number,
): Promise<{ head: Uint8Array; size: number }> {
  const response = await send(objectRequest('GET', key, {}, { range: `bytes=0-${bytes - 1}` }), 'GetObject');
  const head = new Uint8Array(await response.arrayBuffer()).subarray(0, bytes);
  // 206 names the whole size in Content-Range ("bytes 0-99/12345"); a 200 sent everything.
  const total = /\/(\d+)$/.exec(response.headers.get('content-range') ?? '')?.[1];
  return { head, size: total === undefined ? head.byteLength : Number(total) };
}

/** Copies an object within the bucket (server-side; nothing passes through the function). */
export async function copyObject(source: string, target: string): Promise<void> {
  const copySource = `/${bucketName}/${source.split('/').map(encodeURIComponent).join('/')}`;
  const response = await send(
    objectRequest('PUT', target, {}, { 'x-amz-copy-source': copySource }),
    'CopyObject',
  );
  // S3 may answer 200 with an error document when a copy fails late.
  if ((await response.text()).includes('<Error>')) throw new ObjectStoreError('CopyObject', 500);
}

export async function deleteObject(key: string): Promise<void> {
  await send(objectRequest('DELETE', key), 'DeleteObject');
}

const xmlValue = (xml: string, tag: string) => new RegExp(`<${tag}>([^<]+)</${tag}>`).exec(xml)?.[1];

/**
 * Writes an object from pieces as they come: held in memory up to one part (8 MiB), then sent as a
 * multipart upload part by part, so memory stays flat however large the object grows. `close` completes
 * it (one PutObject when it never outgrew a part); `abort` drops what was sent.
 */
export function objectWriter(key: string, contentType: string) {
  let buffered: Buffer[] = [];
  let bufferedBytes = 0;
  let uploadId: string | undefined;
  const parts: { number: number; etag: string }[] = [];

  const flush = async () => {
    const body = Buffer.concat(buffered);
    buffered = [];
    bufferedBytes = 0;
    if (!uploadId) {
      const started = await send(
        objectRequest('POST', key, { uploads: '' }, { 'content-type': contentType }),
        'CreateMultipartUpload',
      );
      uploadId = xmlValue(await started.text(), 'UploadId');
      if (!uploadId) throw new ObjectStoreError('CreateMultipartUpload', 502);
    }
    const number = parts.length + 1;
    const response = await send(
      objectRequest('PUT', key, { partNumber: String(number), uploadId }, {}, body),
      'UploadPart',
    );
    parts.push({ number, etag: response.headers.get('etag') ?? '' });
  };

  return {
    /** Adds a piece; resolves once any full part it completed is sent. */
    async write(piece: string | Uint8Array): Promise<void> {
      const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : Buffer.from(piece);
      buffered.push(bytes);
      bufferedBytes += bytes.byteLength;
      if (bufferedBytes >= PART_BYTES) await flush();
    },
    async close(): Promise<void> {
      if (!uploadId) return putObject(key, Buffer.concat(buffered), contentType);
      if (bufferedBytes > 0) await flush();
      const body =
        '<CompleteMultipartUpload>' +
        parts
          .map((part) => `<Part><PartNumber>${part.number}</PartNumber><ETag>${part.etag}</ETag></Part>`)
          .join('') +
        '</CompleteMultipartUpload>';
      const response = await send(
        objectRequest('POST', key, { uploadId }, { 'content-type': 'application/xml' }, body),
        'CompleteMultipartUpload',
      );
      // S3 may answer 200 with an error document when completing fails late.
      if ((await response.text()).includes('<Error>'))
        throw new ObjectStoreError('CompleteMultipartUpload', 500);
    },
    async abort(): Promise<void> {
      if (uploadId) await send(objectRequest('DELETE', key, { uploadId }), 'AbortMultipartUpload');
      buffered = [];
    },
  };
}
