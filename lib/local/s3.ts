import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { S3Event } from 'aws-lambda';

export interface S3Local {
  endpoint: string;
  /** Called with the S3 event notification of every object created or removed (as S3 sends it to Lambda). */
  onEvent: (listener: (event: S3Event) => void) => void;
  stop: () => Promise<void>;
}

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  httpServer: Server;
  close(): Promise<void>;
  on(name: 'event', listener: (event: S3Event) => void): void;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverInstance;

/** The bucket's CORS rules as S3 takes them (the CDK bucket has the same: uploads and downloads from a console). */
const corsXml = (origins: readonly string[]) =>
  `<CORSConfiguration>${[
    `<CORSRule>${origins.map((origin) => `<AllowedOrigin>${origin}</AllowedOrigin>`).join('')}`,
    '<AllowedMethod>GET</AllowedMethod><AllowedMethod>PUT</AllowedMethod>',
    '<AllowedHeader>content-type</AllowedHeader><ExposeHeader>ETag</ExposeHeader>',
    '<MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule>',
  ].join('')}</CORSConfiguration>`;

/**
 * The S3 stand-in: `@20minutes/s3rver`, the maintained fork of s3rver (the original's last release is
 * from 2021 and pulls vulnerable dependencies), in this process on 127.0.0.1. It checks Signature V4,
 * both in headers and in presigned URLs, so the functions' signing is exercised for real; it keeps objects
 * under `directory`, and emits S3 event notifications that the local runtime hands to the worker rows
 * with an S3 trigger. The bucket is created with the same CORS rules as the stack's.
 */
export async function startS3Local(options: {
  port: number;
  directory: string;
  bucket: string;
  corsAllowOrigins: readonly string[];
  /** The access key the functions sign with locally (the stand-in knows only its own dummy key otherwise). */
  credentials: { accessKeyId: string; secretAccessKey: string };
}): Promise<S3Local> {
  mkdirSync(options.directory, { recursive: true });
  const require = createRequire(import.meta.url);
  const S3rver = require('@20minutes/s3rver') as S3rverClass;
  const { DUMMY_ACCOUNT } = require('@20minutes/s3rver/lib/models/account.js') as {
    DUMMY_ACCOUNT: { createKeyPair: (id: string, secret: string) => void };
  };
  DUMMY_ACCOUNT.createKeyPair(options.credentials.accessKeyId, options.credentials.secretAccessKey);
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port,
    directory: options.directory,
    silent: true,
    vhostBuckets: false,
    configureBuckets: [{ name: options.bucket, configs: [corsXml(options.corsAllowOrigins)] }],
  });
  const { port } = await server.run();
  // Node closes a keep-alive connection 5 s after it finished writing a response, and checks request
  // timeouts every 30 s. A reader slower than that (the import planner reads an upload only as fast as it
  // queues its chunks) would lose the last buffered megabytes ("other side closed") though every byte was
  // sent; S3 keeps a slow download open, and so does the stand-in.
  server.httpServer.keepAliveTimeout = 600_000;
  server.httpServer.requestTimeout = 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    onEvent: (listener) => server.on('event', listener),
    stop: () => server.close(),
  };
}
