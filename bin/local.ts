import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalStack } from '../lib/local/runtime.ts';

/** `npm start [-- --fresh]`: the whole backend on this machine, until Ctrl-C or SIGTERM. */
const { values } = parseArgs({ options: { fresh: { type: 'boolean', default: false } } });

const port = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0 || value > 65535)
    throw new Error(`${name} must be a port number`);
  return value;
};

const started = Date.now();
const directory = resolve(process.env.UMKM_LOCAL_DIR ?? '.local');
const stack = await startLocalStack({
  directory,
  port: port('PORT', 3000),
  dynamoDbPort: port('DYNAMODB_PORT', 8000),
  sesPort: port('SES_PORT', 8005),
  s3Port: port('S3_PORT', 4568),
  fresh: values.fresh,
});

process.stdout.write(
  [
    '',
    `UMKM Hub is running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    `  API           ${stack.apiUrl}`,
    `  API docs      ${stack.apiUrl}/docs  (OpenAPI: ${stack.apiUrl}/openapi.json)`,
    `  Mail viewer   ${stack.sesEndpoint}/`,
    `  S3 stand-in   ${stack.s3Endpoint}  (bucket umkm-hub-local-files, files in ${directory}/s3)`,
    `  DynamoDB      ${stack.dynamoDbEndpoint}  (table umkm-hub-local, data in ${directory})`,
    `  Demo data     ${stack.seeded ? 'seeded now' : 'already there (npm start -- --fresh to start over)'}`,
    ...(process.env.LOCAL_BUNDLES
      ? [`  Functions     the bundles in ${resolve(process.env.LOCAL_BUNDLES)} (LOCAL_BUNDLES)`]
      : []),
    `  Tokens        npm run token -- --role owner|operator [--sub ID]`,
    'Ctrl-C stops everything.',
    '',
  ].join('\n'),
);

let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`\n${signal}: stopping…\n`);
  stack.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`could not stop cleanly: ${String(error)}\n`);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
