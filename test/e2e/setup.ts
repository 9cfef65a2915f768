import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import document from '../../docs/openapi.json' with { type: 'json' };
import { documentOperations, PENDING_PREFIXES, uncoveredOperations } from '../contract/client-coverage.ts';
import { freePort } from '../helpers/ports.ts';
import { SDK_CALLS_DIR } from '../iam/record.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
    localDir: string;
    sesUrl: string;
    dynamoDbPort: number;
    s3Url: string;
    dynamoDbEndpoint: string;
  }
}

let child: ChildProcess | undefined;
let localDir = '';
let dynamoDbPort = 0;

/**
 * Starts the real `npm start` entry point (bin/local.ts) on free ports with a fresh data directory; it
 * records the SDK calls of every function for the IAM check (test/iam/check.ts) and, with `LOCAL_BUNDLES`
 * set (`npm run test:bundles`), hosts the `cdk.out` bundles instead of the TypeScript modules.
 */
export async function setup(project: TestProject): Promise<void> {
  localDir = mkdtempSync(join(tmpdir(), 'umkm-e2e-'));
  const [port, sesPort, s3Port] = [await freePort(), await freePort(), await freePort()];
  dynamoDbPort = await freePort();
  child = spawn('node_modules/.bin/tsx', ['bin/local.ts', '--fresh'], {
    env: {
      ...process.env,
      PORT: String(port),
      DYNAMODB_PORT: String(dynamoDbPort),
      SES_PORT: String(sesPort),
      S3_PORT: String(s3Port),
      UMKM_LOCAL_DIR: localDir,
      SDK_CALLS_DIR,
      // Configurable like the ports; foundation.test.ts checks both origins are allowed.
      CORS_ALLOW_ORIGINS: 'http://localhost:5173,https://frontend.example.test',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // The server's own log lines join the others that test/logs/scan.ts checks for personal data.
  const logDir = join(process.cwd(), '.test-logs');
  mkdirSync(logDir, { recursive: true });
  const keep = (chunk: Buffer) => appendFileSync(join(logDir, 'e2e-local-server.log'), chunk);
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  await new Promise<void>((resolve, reject) => {
    // Ready in 5–10 s on an idle machine; over 40 s (72 s once) on the shared 2-core one under load.
    const timer = setTimeout(() => reject(new Error(`local server not ready in 180 s:\n${output}`)), 180_000);
    child?.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('UMKM Hub is running')) {
        clearTimeout(timer);
        // `npm run test:bundles`: make sure the server took the bundles, not the TypeScript modules.
        if (process.env.LOCAL_BUNDLES && !output.includes('(LOCAL_BUNDLES)'))
          reject(new Error(`LOCAL_BUNDLES is set but the local server did not take the bundles:\n${output}`));
        else resolve();
      }
    });
    child?.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child?.once('exit', (code) => reject(new Error(`local server exited with ${String(code)}:\n${output}`)));
  });
  project.provide('apiUrl', `http://localhost:${port}`);
  project.provide('sesUrl', `http://127.0.0.1:${sesPort}`);
  project.provide('s3Url', `http://127.0.0.1:${s3Port}`);
  project.provide('localDir', localDir);
  project.provide('dynamoDbPort', dynamoDbPort);
  // Records no route creates yet in the e2e suite (imported businesses) are written through their store.
  project.provide('dynamoDbEndpoint', `http://127.0.0.1:${dynamoDbPort}`);
}

const portAnswers = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

/** Stops it as Ctrl-C would, and checks that it exits cleanly and takes DynamoDB Local with it. */
export async function teardown(): Promise<void> {
  const uncovered = reportContract();
  await stopServer();
  if (uncovered) throw new Error(uncovered);
}

async function stopServer(): Promise<void> {
  if (!child) return;
  const exited = new Promise<number | null>((resolve) => child?.once('exit', resolve));
  child.kill('SIGTERM');
  const code = await exited;
  rmSync(localDir, { recursive: true, force: true });
  if (code !== 0) throw new Error(`local server exited with ${String(code)} on SIGTERM`);
  if (await portAnswers(dynamoDbPort))
    throw new Error('DynamoDB Local still runs after the local server stopped');
}

/**
 * The tally of test/e2e/contract.ts: how many answers were checked against the document, and how many
 * operations the typed client called. After a run of every e2e file, an operation of the document never
 * called through the client fails the run (pending routes aside: PENDING_PREFIXES).
 */
function reportContract(): string | undefined {
  const dir = join(process.cwd(), '.test-logs');
  const records = readdirSync(dir)
    .filter((name) => name.startsWith('contract-'))
    .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n').filter(Boolean))
    .map(
      (line) =>
        JSON.parse(line) as
          { operationId: string; status: number; client: boolean; violations: number } | { finished: string },
    );
  const lines = records.filter((record) => 'operationId' in record);
  const operations = new Set(lines.map((line) => line.operationId));
  const violations = lines.filter((line) => line.violations > 0).length;
  const viaClient = new Set(lines.filter((line) => line.client).map((line) => line.operationId));
  const all = documentOperations(document);
  process.stdout.write(
    `contract: ${lines.length} answers from ${operations.size} operations checked against docs/openapi.json, ` +
      `${violations} with violations; the typed client called ${[...all.keys()].filter((id) => viaClient.has(id)).length} ` +
      `of ${all.size} operations\n`,
  );
  const finished = new Set(records.flatMap((record) => ('finished' in record ? [record.finished] : [])));
  const e2eFiles = readdirSync(join(process.cwd(), 'test/e2e')).filter((name) => name.endsWith('.test.ts'));
  if (!e2eFiles.every((name) => finished.has(join(process.cwd(), 'test/e2e', name)))) return undefined;
  const missing = uncoveredOperations(document, viaClient);
  if (missing.length === 0) return undefined;
  return (
    `Operations of docs/openapi.json no e2e test called through the typed client (test/helpers/client.ts; ` +
    `pending: ${PENDING_PREFIXES.join(', ')}):\n  ${missing.join('\n  ')}`
  );
}
