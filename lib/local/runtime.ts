import { mkdirSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { routeKeys } from '../../functions/routes.ts';
import { packageVersion } from '../package-info.ts';
import { ensureTable, startDynamoDbLocal } from './dynamodb.ts';
import { devIssuer } from './issuer.ts';
import { createLocalServer } from './server.ts';
import { createMailTemplates, startSesLocal } from './ses.ts';
import { mailer as mailerWorker } from '../../functions/workers.ts';
import { startStreamMailer, type StreamHandler } from './stream-mailer.ts';
import { loadWorker } from './workers.ts';
import { seedDemoData } from './seed.ts';
import { localKeyringFile } from '../ops/secret-rotation.ts';

export const LOCAL_TABLE_NAME = 'umkm-hub-local';
export const LOCAL_CORS_ORIGINS = ['http://localhost:5173', 'http://localhost:8080'];
export const LOCAL_TEMPLATE_PREFIX = 'umkm-hub-local-';
export const LOCAL_PROGRAMME_ADDRESS =
  'Dinas Koperasi dan UKM Kota Bekasi, Jl. Ir. H. Juanda No. 100, Bekasi Timur, Kota Bekasi 17112';

export interface LocalStackOptions {
  /** Where data and the dev issuer's key live (`.local/`). */
  directory: string;
  port: number;
  dynamoDbPort: number;
  sesPort: number;
  /** Wipe the kept data first. */
  fresh: boolean;
  /** Keep data in memory only (tests). */
  inMemory?: boolean;
}

export interface LocalStack {
  apiUrl: string;
  dynamoDbEndpoint: string;
  sesEndpoint: string;
  seeded: boolean;
  stop: () => Promise<void>;
}

/**
 * The whole backend on one machine: DynamoDB Local, the SES v2 stand-in, the table (from the same
 * definition as the stack), demo data on first start, and every manifest route over HTTP.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const dataDir = join(options.directory, 'dynamodb');
  if (options.fresh) rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });

  const [dynamo, ses] = await Promise.all([
    startDynamoDbLocal({ port: options.dynamoDbPort, ...(options.inMemory ? {} : { dbPath: dataDir }) }),
    startSesLocal({ port: options.sesPort }),
  ]);
  const stops = [dynamo.stop, ses.stop];
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
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      CORS_ALLOW_ORIGINS: LOCAL_CORS_ORIGINS.join(','),
      ROUTE_KEYS: JSON.stringify(routeKeys()),
      // The subscription keyring, kept with the local data so that links survive a restart;
      // `npm run secret:rotate` rotates it while the server runs.
      SUBSCRIPTION_KEYS_FILE: localKeyringFile(options.directory),
      MAIL_FROM: 'Agenda UMKM Kota Bekasi <agenda@umkm.bekasikota.localhost>',
      SES_TEMPLATE_PREFIX: LOCAL_TEMPLATE_PREFIX,
      PROGRAMME_ADDRESS: LOCAL_PROGRAMME_ADDRESS,
    });
    await createMailTemplates(ses.endpoint, LOCAL_TEMPLATE_PREFIX);
    await ensureTable(dynamo.endpoint, LOCAL_TABLE_NAME);
    const seeded = await seedDemoData(dynamo.endpoint, LOCAL_TABLE_NAME);

    const issuer = await devIssuer(join(options.directory, 'dev-issuer.json'));
    const server: Server = createLocalServer({ issuer, corsAllowOrigins: LOCAL_CORS_ORIGINS });
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
    return {
      apiUrl,
      dynamoDbEndpoint: dynamo.endpoint,
      sesEndpoint: ses.endpoint,
      seeded,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
