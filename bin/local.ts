import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalStack } from '../lib/local/runtime.ts';
import { scriptSetup } from '../lib/local/settings.ts';

/** `npm start [-- --fresh]`: the whole backend on this machine, until Ctrl-C or SIGTERM. */
const { values, settings } = scriptSetup(
  'Usage: npm start [-- --fresh]\n\nRuns the whole backend on this machine (API, DynamoDB Local, SES stand-in),\n' +
    'seeding demo data on first start, until Ctrl-C.\n  --fresh   wipe the local data first',
  () => parseArgs({ options: { fresh: { type: 'boolean', default: false } } }).values,
);

const started = Date.now();
const { directory } = settings;
const stack = await startLocalStack({
  directory,
  port: settings.port,
  dynamoDbPort: settings.dynamoDbPort,
  sesPort: settings.sesPort,
  s3Port: settings.s3Port,
  corsAllowOrigins: settings.corsAllowOrigins,
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
    `  CORS origins  ${settings.corsAllowOrigins.join(', ') || 'none'}  (CORS_ALLOW_ORIGINS)`,
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
