import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { routeKeys } from '../../functions/routes.ts';
import { packageVersion } from '../package-info.ts';
import { ensureTable, startDynamoDbLocal } from './dynamodb.ts';
import { devIssuer } from './issuer.ts';
import { createLocalServer } from './server.ts';
import { createMailTemplates, startSesLocal } from './ses.ts';
import { importPlanner, mailer as mailerWorker, workers as workerRows } from '../../functions/workers.ts';
import { localImports } from './import-queue.ts';
import { objectEventDispatcher } from './object-events.ts';
import { startLocalExports } from './export-runner.ts';
import { startS3Local } from './s3.ts';
import { startStreamMailer, type StreamHandler } from './stream-mailer.ts';
import { recordingFromEnvironment } from './sdk-calls.ts';
import { loadWorker } from './workers.ts';
import { seedDemoData } from './seed.ts';
import { localKeyringFile } from '../ops/secret-rotation.ts';

export const LOCAL_TABLE_NAME = 'umkm-hub-local';
export const LOCAL_BUCKET_NAME = 'umkm-hub-local-files';
/** What the functions sign with locally; DynamoDB Local keys its data by it, the S3 stand-in is told it. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const LOCAL_TEMPLATE_PREFIX = 'umkm-hub-local-';
export const LOCAL_PROGRAMME_ADDRESS =
  'Dinas Koperasi dan UKM Kota Bekasi, Jl. Ir. H. Juanda No. 100, Bekasi Timur, Kota Bekasi 17112';

/** A local secret (the NIK guards' key), kept with the local data so it survives a restart. */
function localSecretFile(directory: string, name: string): string {
  const file = join(directory, name);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return file;
}

export interface LocalStackOptions {
  /** Where data and the dev issuer's key live (`.local/`). */
  directory: string;
  port: number;
  dynamoDbPort: number;
  sesPort: number;
  s3Port: number;
  /** Browser origins the API allows (CORS). */
  corsAllowOrigins: string[];
  /** Wipe the kept data first. */
  fresh: boolean;
  /** Keep data in memory only (tests). */
  inMemory?: boolean;
}

export interface LocalStack {
  apiUrl: string;
  dynamoDbEndpoint: string;
  sesEndpoint: string;
  s3Endpoint: string;
  seeded: boolean;
  stop: () => Promise<void>;
}

/**
 * The whole backend on one machine: DynamoDB Local, the SES v2 stand-in, the table (from the same
 * definition as the stack), demo data on first start, and every manifest route over HTTP.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  // The test suites set SDK_CALLS_DIR to record what each function sends (test/iam/check.ts).
  recordingFromEnvironment();
  const dataDir = join(options.directory, 'dynamodb');
  const filesDir = join(options.directory, 's3');
  if (options.fresh) {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(filesDir, { recursive: true, force: true });
  }
  mkdirSync(dataDir, { recursive: true });

  const [dynamo, ses, s3] = await Promise.all([
    startDynamoDbLocal({ port: options.dynamoDbPort, ...(options.inMemory ? {} : { dbPath: dataDir }) }),
    startSesLocal({ port: options.sesPort }),
    startS3Local({
      port: options.s3Port,
      directory: filesDir,
      bucket: LOCAL_BUCKET_NAME,
      corsAllowOrigins: options.corsAllowOrigins,
      credentials: LOCAL_CREDENTIALS,
    }),
  ]);
  const stops = [dynamo.stop, ses.stop, s3.stop];
  const stopAll = () => Promise.all(stops.map((stop) => stop())).then(() => undefined);
  try {
    // The functions read their configuration from the environment, as in Lambda.
    Object.assign(process.env, {
      STAGE: 'local',
      APP_VERSION: packageVersion,
      TABLE_NAME: LOCAL_TABLE_NAME,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      SES_ENDPOINT: ses.endpoint,
      AWS_REGION: 'ap-southeast-3',
      S3_ENDPOINT: s3.endpoint,
      BUCKET_NAME: LOCAL_BUCKET_NAME,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      CORS_ALLOW_ORIGINS: options.corsAllowOrigins.join(','),
      ROUTE_KEYS: JSON.stringify(routeKeys()),
      // The subscription keyring, kept with the local data so that links survive a restart;
      // `npm run secret:rotate` rotates it while the server runs.
      SUBSCRIPTION_KEYS_FILE: localKeyringFile(options.directory),
      IDENTITY_SECRET_FILE: localSecretFile(options.directory, 'identity-secret'),
      MAIL_FROM: 'Agenda UMKM Kota Bekasi <agenda@umkm.bekasikota.localhost>',
      SES_TEMPLATE_PREFIX: LOCAL_TEMPLATE_PREFIX,
      PROGRAMME_ADDRESS: LOCAL_PROGRAMME_ADDRESS,
    });
    await createMailTemplates(ses.endpoint, LOCAL_TEMPLATE_PREFIX);
    await ensureTable(dynamo.endpoint, LOCAL_TABLE_NAME);
    const seeded = await seedDemoData(dynamo.endpoint, LOCAL_TABLE_NAME);

    const issuer = await devIssuer(join(options.directory, 'dev-issuer.json'));
    const server: Server = createLocalServer({ issuer, corsAllowOrigins: options.corsAllowOrigins });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, '127.0.0.1', resolve);
    });
    stops.unshift(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );
    const { port } = server.address() as AddressInfo;
    const apiUrl = `http://localhost:${port}`;
    process.env.API_URL = apiUrl;
    // Mails link to the pages this server renders (a stage with a city website links there instead).
    process.env.WEB_URL = apiUrl;
    // The outbox mailer, as the stream's event source mapping runs it in AWS.
    const mailer = await loadWorker<{ handler: StreamHandler }>(mailerWorker);
    const streamMailer = await startStreamMailer({
      endpoint: dynamo.endpoint,
      tableName: LOCAL_TABLE_NAME,
      handler: mailer.handler,
      onError: (error) => process.stderr.write(`local mailer: ${(error as Error).message}\n`),
    });
    stops.unshift(streamMailer.stop);
    // The export worker: new export jobs in the stream, then its legs through an in-process queue.
    const exports = await startLocalExports({
      endpoint: dynamo.endpoint,
      tableName: LOCAL_TABLE_NAME,
      onError: (error) =>
        process.stderr.write(`local businessExport: ${(error as Error).name}: ${(error as Error).message}\n`),
    });
    stops.unshift(exports.stop);
    // The import's planner and workers on an in-process queue (SQS in AWS).
    const imports = await localImports({
      onError: (what, error) =>
        process.stderr.write(`local ${what}: ${(error as Error).name}: ${(error as Error).message}\n`),
    });
    stops.unshift(imports.idle);
    // Objects created in the S3 stand-in wake the worker rows with an S3 trigger, as EventBridge does in AWS.
    const objectEvents = objectEventDispatcher(workerRows, {
      region: 'ap-southeast-3',
      handlers: { [importPlanner.id]: imports.onUpload },
      onError: (worker, error) =>
        process.stderr.write(`local ${worker.id}: ${(error as Error).name}: ${(error as Error).message}\n`),
    });
    s3.onEvent(objectEvents.listener);
    stops.unshift(objectEvents.idle);
    return {
      apiUrl,
      dynamoDbEndpoint: dynamo.endpoint,
      sesEndpoint: ses.endpoint,
      s3Endpoint: s3.endpoint,
      seeded,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
