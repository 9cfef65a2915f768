import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../lib/local/dynamodb.ts';
import { startS3Local, type S3Local } from '../../lib/local/s3.ts';
import { startSesLocal, type SesLocal } from '../../lib/local/ses.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../helpers/ports.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
    sesEndpoint: string;
    s3Endpoint: string;
  }
}

let dynamo: DynamoDbLocal | undefined;
let ses: SesLocal | undefined;
let s3: S3Local | undefined;
let s3Dir = '';

/** The files bucket's name in the integration suite (`test/integration/env.ts` gives it to the functions). */
export const TEST_BUCKET = 'umkm-hub-test-files';

/**
 * Real servers for the integration suite: DynamoDB Local in memory, the SES v2 stand-in and the S3
 * stand-in (files in a temporary folder), on free ports.
 */
export async function setup(project: TestProject): Promise<void> {
  s3Dir = mkdtempSync(join(tmpdir(), 'umkm-s3-'));
  [dynamo, ses, s3] = await Promise.all([
    freePort().then((port) => startDynamoDbLocal({ port })),
    startSesLocal({ port: 0 }),
    startS3Local({
      port: 0,
      directory: s3Dir,
      bucket: TEST_BUCKET,
      corsAllowOrigins: ['http://localhost:5173'],
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  ]);
  project.provide('dynamoDbEndpoint', dynamo.endpoint);
  project.provide('sesEndpoint', ses.endpoint);
  project.provide('s3Endpoint', s3.endpoint);
}

export async function teardown(): Promise<void> {
  await Promise.all([dynamo?.stop(), ses?.stop(), s3?.stop()]);
  if (s3Dir) rmSync(s3Dir, { recursive: true, force: true });
}
