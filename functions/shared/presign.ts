import { fromEnv } from '@aws-sdk/credential-provider-env';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import { requireEnv } from './config.ts';

/**
 * Signature V4 for the stack's bucket, with `@smithy/signature-v4` (the signer inside the AWS SDK) rather
 * than `@aws-sdk/client-s3` with `@aws-sdk/s3-request-presigner`: a route that hands out an upload URL
 * then carries ~20 KB instead of the S3 client's ~200 KB (README, Files in S3). The same signer signs the
 * functions' own object requests (`objects.ts`).
 *
 * In AWS the bucket is addressed virtual-hosted (`https://<bucket>.s3.<region>.amazonaws.com/<key>`);
 * `S3_ENDPOINT`, set only by the local runtime and the tests, addresses the S3 stand-in path-style.
 */
export const bucketName = requireEnv('BUCKET_NAME');
const region = process.env.AWS_REGION ?? 'ap-southeast-3';
const localEndpoint = process.env.S3_ENDPOINT ? new URL(process.env.S3_ENDPOINT) : undefined;

const signer = new SignatureV4({
  credentials: fromEnv(),
  region,
  service: 's3',
  sha256: Sha256,
  // S3 takes the path as given: encoding it twice (as other services expect) would break keys.
  uriEscapePath: false,
});

/** A request to the bucket as the signer takes it (`@smithy/types` HttpRequest). */
export interface ObjectRequest {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE' | 'HEAD';
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: string | Uint8Array;
}

const encodeKey = (key: string) => key.split('/').map(encodeURIComponent).join('/');

/** The unsigned request for `key` (query parameters such as `uploadId` included). */
export function objectRequest(
  method: ObjectRequest['method'],
  key: string,
  query: Record<string, string> = {},
  headers: Record<string, string> = {},
  body?: string | Uint8Array,
): ObjectRequest {
  const hostname = localEndpoint ? localEndpoint.hostname : `${bucketName}.s3.${region}.amazonaws.com`;
  const port = localEndpoint?.port ? Number(localEndpoint.port) : undefined;
  return {
    method,
    protocol: localEndpoint ? localEndpoint.protocol : 'https:',
    hostname,
    ...(port ? { port } : {}),
    path: localEndpoint ? `/${bucketName}/${encodeKey(key)}` : `/${encodeKey(key)}`,
    query,
    headers: { host: port ? `${hostname}:${port}` : hostname, ...headers },
    ...(body === undefined ? {} : { body }),
  };
}

/** The URL a request goes to, with its query string. */
export function requestUrl(
  request: Pick<ObjectRequest, 'protocol' | 'hostname' | 'port' | 'path' | 'query'>,
) {
  const url = new URL(`${request.protocol}//${request.hostname}${request.port ? `:${request.port}` : ''}`);
  url.pathname = request.path;
  for (const [name, value] of Object.entries(request.query)) url.searchParams.set(name, value);
  // URLSearchParams writes spaces as `+`; Signature V4 signed them as `%20`.
  return url.href.replaceAll('+', '%20');
}

/** Signs a request in its headers (for the functions' own calls); the body's SHA-256 is signed too. */
export async function signRequest(request: ObjectRequest): Promise<ObjectRequest> {
  return (await signer.sign(request)) as ObjectRequest;
}

export interface PresignOptions {
  /** How long the URL works (at most 7 days; uploads and downloads here use minutes). */
  expiresInSeconds: number;
  /** For an upload: the content type the client must send (it is signed). */
  contentType?: string;
  /** For a download: the file name the browser saves it as. */
  downloadName?: string;
}

/**
 * A presigned URL for one GET (download) or PUT (upload) of `key`. The payload is unsigned, as S3
 * requires for presigned URLs; what is signed is the method, the key, the expiry and (for uploads) the
 * content type. Whoever holds the URL may do that one thing until it expires, and nothing else.
 */
export async function presignObjectUrl(
  method: 'GET' | 'PUT',
  key: string,
  options: PresignOptions,
): Promise<string> {
  const query: Record<string, string> = options.downloadName
    ? {
        'response-content-disposition': `attachment; filename="${options.downloadName.replace(/[^\w.-]/g, '_')}"`,
      }
    : {};
  const headers: Record<string, string> = {
    'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
    ...(options.contentType ? { 'content-type': options.contentType } : {}),
  };
  const unsigned = new Set(['x-amz-content-sha256']);
  const presigned = await signer.presign(objectRequest(method, key, query, headers), {
    expiresIn: options.expiresInSeconds,
    unhoistableHeaders: unsigned,
    unsignableHeaders: unsigned,
  });
  return requestUrl(presigned as ObjectRequest);
}
