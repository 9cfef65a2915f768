import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { localDigest } from '../lib/local/digest-runner.ts';
import { LOCAL_PROGRAMME_ADDRESS, LOCAL_TABLE_NAME, LOCAL_TEMPLATE_PREFIX } from '../lib/local/runtime.ts';
import { createMailTemplates } from '../lib/local/ses.ts';
import { localEndpoints, scriptSetup } from '../lib/local/settings.ts';

/**
 * `npm run digest [-- --force-week]`: this week's digest, now, against the local backend that `npm start`
 * runs (its DynamoDB Local and SES stand-in), through the same planner and sender code as in AWS, with an
 * in-process queue in place of SQS. A second run in the same week sends nothing; `--force-week` opens a
 * fresh run of this week for demos. The mails appear in the mail viewer.
 */
const { values, settings } = scriptSetup(
  'Usage: npm run digest [-- --force-week]\n\nSends this week’s digest now through the local stack (npm start must run);\n' +
    'the mails appear in the mail viewer.\n  --force-week   open a fresh run of this week even if one was sent',
  () => parseArgs({ options: { 'force-week': { type: 'boolean', default: false } } }).values,
);
const { directory } = settings;
const secretFile = join(directory, 'subscription-secret');
if (!existsSync(secretFile)) {
  process.stderr.write(`No local data in ${directory}: start the local backend first (npm start).\n`);
  process.exit(1);
}
const { dynamoDbEndpoint, sesEndpoint, apiUrl } = localEndpoints(settings);
try {
  await fetch(`${sesEndpoint}/health-check`);
} catch {
  process.stderr.write(
    `The SES stand-in does not answer at ${sesEndpoint}: start the local backend first (npm start).\n`,
  );
  process.exit(1);
}
Object.assign(process.env, {
  STAGE: 'local',
  TABLE_NAME: LOCAL_TABLE_NAME,
  DYNAMODB_ENDPOINT: dynamoDbEndpoint,
  SES_ENDPOINT: sesEndpoint,
  AWS_REGION: 'ap-southeast-3',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
  SUBSCRIPTION_SECRET: readFileSync(secretFile, 'utf8').trim(),
  MAIL_FROM: 'Agenda UMKM Kota Bekasi <agenda@umkm.bekasikota.localhost>',
  SES_TEMPLATE_PREFIX: LOCAL_TEMPLATE_PREFIX,
  // The local server serves the pages the digest links to.
  WEB_URL: apiUrl,
  API_URL: apiUrl,
  PROGRAMME_ADDRESS: LOCAL_PROGRAMME_ADDRESS,
  POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
});
await createMailTemplates(sesEndpoint, LOCAL_TEMPLATE_PREFIX);

const { startRun, findRun, queue } = await localDigest();

const started = await startRun({ kind: 'start', force: values['force-week'] });
if (started.status === 'duplicate') {
  process.stdout.write(
    `This week's digest (${started.runId}) went out already: nothing sent. --force-week runs it again.\n`,
  );
  process.exit(0);
}

const tty = process.stdout.isTTY;
let lastDraw = 0;
const draw = async (final = false) => {
  if (!tty || (!final && Date.now() - lastDraw < 100)) return;
  lastDraw = Date.now();
  const run = await findRun(started.runId);
  if (!run) return;
  const done = run.sent + run.failed;
  const total = Math.max(run.planned, 1);
  const width = 30;
  const filled = Math.round((Math.min(done, total) / total) * width);
  process.stdout.write(
    `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${run.planned} mails · ${run.state}   `,
  );
};
await queue.drain(() => draw());
await draw(true);
if (tty) process.stdout.write('\n');

const run = await findRun(started.runId, true);
process.stdout.write(
  [
    `Digest ${started.runId}: ${run?.state ?? 'unknown'}${run?.reason ? ` (${run.reason})` : ''}`,
    `  events ${run?.events ?? 0} upcoming, ${run?.cancellations ?? 0} cancelled`,
    `  planned ${run?.planned ?? 0} · sent ${run?.sent ?? 0} · failed ${run?.failed ?? 0} · suppressed ${run?.suppressed ?? 0} · skipped ${run?.skipped ?? 0}`,
    `  batches ${run?.batchesDone ?? 0}/${run?.batchesPlanned ?? 0}; dead letters: ${queue.deadLetters.plan.length + queue.deadLetters.send.length}`,
    `  mail viewer: ${sesEndpoint}/`,
    '',
  ].join('\n'),
);
