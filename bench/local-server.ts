/**
 * Child process of `bench/e2e.ts`: the local backend (`startLocalStack`, as `npm start` runs it) on free
 * ports with an in-memory DynamoDB Local in a temporary directory. Its stdout (the access log lines) goes
 * nowhere. Sends the API URL and dev tokens over IPC, and stops everything on `stop`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { devIssuer } from '../lib/local/issuer.ts';
import { startLocalStack } from '../lib/local/runtime.ts';
import { freePort } from '../test/helpers/ports.ts';

export interface LocalServerReady {
  apiUrl: string;
  tokens: { owner: string; operator: string };
}

const directory = mkdtempSync(join(tmpdir(), 'umkm-bench-local-'));
const stack = await startLocalStack({
  directory,
  port: await freePort(),
  dynamoDbPort: await freePort(),
  sesPort: await freePort(),
  s3Port: 0,
  corsAllowOrigins: [],
  fresh: true,
  inMemory: true,
});
const issuer = await devIssuer(join(directory, 'dev-issuer.json'));
const ready: LocalServerReady = {
  apiUrl: stack.apiUrl.replace('localhost', '127.0.0.1'),
  tokens: {
    owner: await issuer.sign({ role: 'owner', sub: 'bench-owner' }),
    operator: await issuer.sign({ role: 'operator', sub: 'bench-operator' }),
  },
};
process.send?.(ready);
process.on('message', (message) => {
  if (message !== 'stop') return;
  void stack.stop().finally(() => {
    rmSync(directory, { recursive: true, force: true });
    process.exit(0);
  });
});
