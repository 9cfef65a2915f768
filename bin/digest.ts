import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { localDigest } from '../lib/local/digest-runner.ts';
import { resumeDigest } from '../lib/ops/digest-resume.ts';
import { LOCAL_PROGRAMME_ADDRESS, LOCAL_TABLE_NAME, LOCAL_TEMPLATE_PREFIX } from '../lib/local/runtime.ts';
import { createMailTemplates } from '../lib/local/ses.ts';
import { localEndpoints, scriptSetup } from '../lib/local/settings.ts';
import { RUN_ID } from '../functions/digest/week.ts';

/**
 * `npm run digest [-- --force-week]`: this week's digest, now, against the local backend that `npm start`
 * runs (its DynamoDB Local and SES stand-in), through the same planner and sender code as in AWS, with an
 * in-process queue in place of SQS. A second run in the same week sends nothing; `--force-week` opens a
 * fresh run of this week for demos. The mails appear in the mail viewer.
 *
 * `npm run digest -- --resume [RUN_ID]`: takes up a run that stopped part-way (the SES stand-in refusing,
 * the process killed): the batches it queued and never finished come back from the local queue's journal
 * (`digest-queue.jsonl` in the local data directory, the local stand-in for SQS and its dead-letter
 * queues), and a run still planning goes on from each shard's checkpoint. Nobody gets a second mail: the
 * sender's batch markers name who is done. There is no `--rerun`: a run that finished is never sent again.
 */
const USAGE =
  'Usage: npm run digest [-- --force-week]\n       npm run digest -- --resume [RUN_ID]\n\n' +
  'Sends this week’s digest now through the local stack (npm start must run); the mails appear in the mail viewer.\n' +
  '  --force-week      open a fresh run of this week even if one was sent (demos: everyone is mailed again)\n' +
  '  --resume [RUN_ID] finish a run that stopped part-way (default: the newest run): only the batches not\n' +
  '                    yet sent go out, and nobody is mailed twice; a finished run is left alone';
const { values, settings } = scriptSetup(USAGE, () => {
  const { values: options, positionals } = parseArgs({
    options: {
      'force-week': { type: 'boolean', default: false },
      resume: { type: 'boolean', default: false },
    },
    allowPositionals: true,
  });
  if (positionals.length > 0 && !options.resume) throw new Error('A run id goes with --resume only');
  if (positionals.length > 1) throw new Error('One run id at most');
  if (options.resume && options['force-week'])
    throw new Error('--resume and --force-week exclude each other');
  const runId = positionals[0];
  if (runId !== undefined && !RUN_ID.test(runId))
    throw new Error(`Not a run id: ${runId} (a week like 2026-W49, or a forced run like 2026-W49-fmix2k3)`);
  return { ...options, runId };
});
const { directory } = settings;
const keysFile = join(directory, 'subscription-keys.json');
if (!existsSync(keysFile)) {
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
  SUBSCRIPTION_KEYS_FILE: keysFile,
  MAIL_FROM: 'Agenda UMKM Kota Bekasi <agenda@umkm.bekasikota.localhost>',
  SES_TEMPLATE_PREFIX: LOCAL_TEMPLATE_PREFIX,
  // The local server serves the pages the digest links to.
  WEB_URL: apiUrl,
  API_URL: apiUrl,
  PROGRAMME_ADDRESS: LOCAL_PROGRAMME_ADDRESS,
  POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
});
await createMailTemplates(sesEndpoint, LOCAL_TEMPLATE_PREFIX);

const digest = await localDigest({ journal: join(directory, 'digest-queue.jsonl') });
const { startRun, findRun, queue } = digest;

let runId: string;
if (values.resume) {
  const outcome = await resumeDigest(digest, values.runId);
  const named = outcome.runId ?? values.runId ?? 'newest';
  if (outcome.status === 'missing') {
    process.stderr.write(`No digest run ${values.runId ?? 'at all'} in the local table.\n`);
    process.exit(1);
  }
  if (outcome.status === 'finished') {
    process.stdout.write(`Digest ${named} is ${outcome.state}: nothing to resume, nothing sent.\n`);
    process.exit(0);
  }
  if (outcome.status === 'lost') {
    process.stderr.write(
      `Digest ${named} has unsent batches that are not in ${join(directory, 'digest-queue.jsonl')} ` +
        '(the journal was removed): they cannot be resumed locally.\n',
    );
    process.exit(1);
  }
  process.stdout.write(
    `Resuming digest ${outcome.runId}: ${outcome.batches} unfinished batch(es)` +
      `${outcome.shards > 0 ? `, planning on from the checkpoints of ${outcome.shards} shards` : ''}.\n`,
  );
  runId = outcome.runId;
} else {
  const started = await startRun({ kind: 'start', force: values['force-week'] });
  if (started.status === 'duplicate') {
    process.stdout.write(
      `This week's digest (${started.runId}) was started already: nothing sent. ` +
        `--resume ${started.runId} finishes it if it stopped part-way; --force-week runs it again.\n`,
    );
    process.exit(0);
  }
  runId = started.runId;
}
const started = { runId };

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
const dead = queue.deadLetters.plan.length + queue.deadLetters.send.length;
queue.compact();
process.stdout.write(
  [
    `Digest ${started.runId}: ${run?.state ?? 'unknown'}${run?.reason ? ` (${run.reason})` : ''}`,
    `  events ${run?.events ?? 0} upcoming, ${run?.cancellations ?? 0} cancelled`,
    `  planned ${run?.planned ?? 0} · sent ${run?.sent ?? 0} · failed ${run?.failed ?? 0} · suppressed ${run?.suppressed ?? 0} · skipped ${run?.skipped ?? 0}`,
    `  batches ${run?.batchesDone ?? 0}/${run?.batchesPlanned ?? 0}; dead letters: ${dead}`,
    `  mail viewer: ${sesEndpoint}/`,
    '',
  ].join('\n'),
);
if (run?.state !== 'done' && run?.state !== 'skipped') {
  process.stderr.write(
    `The run stopped part-way${dead > 0 ? ` (${dead} message(s) failed five times)` : ''}. Once the cause is ` +
      `fixed (the SES stand-in answering, or a batch's lease of BATCH_LEASE_SECONDS, 6 minutes, run out), ` +
      `send the rest with: npm run digest -- --resume ${started.runId}\n`,
  );
  process.exit(1);
}
