import { EXPORT_JOB_FILTER_PATTERN } from './businesses/export-filter.ts';
import { DIGEST_TEMPLATES } from './digest/templates.ts';
import { OUTBOX_FILTER_PATTERN } from './mailer/filter.ts';
import { CLAIM_CODE_TEMPLATE, CONFIRMATION_TEMPLATES } from './mailer/templates.ts';
import { defineWorker, type WorkerDef } from './shared/worker.ts';

/**
 * The worker manifest: every asynchronous function, in one list, beside the route manifest
 * (`routes.ts`). The CDK stack (`lib/workers.ts`) builds each function, its trigger, its role and its
 * environment from its row, and nothing else creates a Lambda function; the local runtime
 * (`lib/local/stream-mailer.ts`, `lib/local/digest-runner.ts`) loads the same handlers with the same
 * stream filter and batch size. The vocabulary is in `shared/worker.ts`.
 */

export const mailer = defineWorker({
  id: 'mailer',
  handler: 'mailer/send-confirmations.ts',
  description:
    'Outbox mailer: sends the mails of new outbox items in the table stream (subscription confirmations, claim codes)',
  triggers: [
    {
      kind: 'dynamodb-stream',
      filter: OUTBOX_FILTER_PATTERN,
      startingPosition: 'LATEST',
      batchSize: 10,
      maxBatchingWindowSeconds: 1,
      retryAttempts: 5,
      maxRecordAgeHours: 6,
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      onFailure: 'dead-letter-queue',
    },
  ],
  timeoutSeconds: 30,
  grants: [
    {
      kind: 'ses-send',
      action: 'SendEmail',
      templates: [...Object.values(CONFIRMATION_TEMPLATES), CLAIM_CODE_TEMPLATE].map(
        (template) => template.name,
      ),
    },
    { kind: 'secret-read', secret: 'subscription-keys' },
  ],
  environment: ['MAIL_FROM', 'SES_TEMPLATE_PREFIX', 'SES_CONFIGURATION_SET', 'WEB_URL', 'API_URL'],
});

export const digestPlanner = defineWorker({
  id: 'digestPlanner',
  handler: 'digest/planner.ts',
  description:
    'Digest planner: opens the week’s run and walks one shard of confirmed subscribers per message',
  triggers: [
    { kind: 'schedule', schedule: 'digest-weekly' },
    { kind: 'sqs', queue: 'digest-plan', batchSize: 1, maxConcurrency: 16, reportBatchItemFailures: true },
  ],
  timeoutSeconds: 300,
  memoryMb: 1024,
  table: {
    actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'BatchGetItem'],
    indexes: ['GSI1', 'GSI2'],
  },
  grants: [
    { kind: 'sqs-send', queue: 'digest-plan' },
    { kind: 'sqs-send', queue: 'digest-send' },
  ],
  environment: ['WEB_URL', 'PLAN_QUEUE_URL', 'SEND_QUEUE_URL', 'DIGEST_LATE_AFTER_HOURS'],
});

export const digestSender = defineWorker({
  id: 'digestSender',
  handler: 'digest/sender.ts',
  description: 'Digest sender: one SES SendBulkEmail per batch of up to 50 recipients',
  triggers: [
    {
      kind: 'sqs',
      queue: 'digest-send',
      batchSize: 1,
      maxConcurrency: 'ses-pacing',
      reportBatchItemFailures: true,
    },
  ],
  timeoutSeconds: 'ses-pacing',
  table: { actions: ['GetItem', 'UpdateItem', 'BatchGetItem'] },
  grants: [
    {
      kind: 'ses-send',
      action: 'SendBulkEmail',
      templates: Object.values(DIGEST_TEMPLATES).map((template) => template.name),
    },
    { kind: 'secret-read', secret: 'subscription-keys' },
  ],
  environment: [
    'WEB_URL',
    'API_URL',
    'MAIL_FROM',
    'SES_TEMPLATE_PREFIX',
    'SES_CONFIGURATION_SET',
    'PROGRAMME_ADDRESS',
    'SES_MIN_BATCH_MS',
    'BATCH_LEASE_SECONDS',
  ],
});

export const digestFeedback = defineWorker({
  id: 'digestFeedback',
  handler: 'digest/feedback.ts',
  description: 'SES feedback: suppresses subscribers on hard bounces, complaints and repeated soft bounces',
  triggers: [{ kind: 'eventbridge-rule', rule: 'ses-feedback' }],
  timeoutSeconds: 30,
  table: { actions: ['UpdateItem'] },
  environment: ['SOFT_BOUNCE_LIMIT'],
});

export const subscriptionKeyRotation = defineWorker({
  id: 'subscriptionKeyRotation',
  handler: 'subscriptions/rotate-keys.ts',
  description:
    'Rotates the subscription keyring: a new signing key, the previous one kept to verify mailed links',
  triggers: [{ kind: 'secret-rotation', secret: 'subscription-keys' }],
  timeoutSeconds: 30,
});

export const businessExport = defineWorker({
  id: 'businessExport',
  handler: 'businesses/export-worker.ts',
  description:
    'Registry export: writes large and XLSX exports to the bucket, in legs (export queue) that each fit one invocation',
  triggers: [
    // A new job: handed straight to the export queue, so that no stream shard waits on a long export.
    {
      kind: 'dynamodb-stream',
      filter: EXPORT_JOB_FILTER_PATTERN,
      startingPosition: 'LATEST',
      batchSize: 10,
      maxBatchingWindowSeconds: 1,
      retryAttempts: 5,
      maxRecordAgeHours: 6,
      bisectBatchOnError: true,
      reportBatchItemFailures: true,
      onFailure: 'dead-letter-queue',
    },
    // Each message is one leg; two at a time keep the registry's index reads modest.
    { kind: 'sqs', queue: 'export-run', batchSize: 1, maxConcurrency: 2, reportBatchItemFailures: true },
  ],
  timeoutSeconds: 900,
  memoryMb: 1024,
  table: { actions: ['Query', 'UpdateItem', 'BatchWriteItem'], indexes: ['GSI2', 'GSI3', 'GSI4'] },
  grants: [
    { kind: 'sqs-send', queue: 'export-run' },
    { kind: 'storage', prefix: 'exports', access: ['read', 'write', 'delete'] },
  ],
  environment: ['EXPORT_QUEUE_URL'],
});

export const importPlanner = defineWorker({
  id: 'importPlanner',
  handler: 'imports/planner.ts',
  description:
    'Import planner: reads an uploaded CSV/XLSX as a stream and queues its rows in chunks of 200, checkpointing; hands on to itself before its timeout',
  triggers: [
    { kind: 's3-object-created', prefix: 'importUploads' },
    // Its own continuations (one at a time per import: each resumes from the job's checkpoint).
    { kind: 'sqs', queue: 'import-plan', batchSize: 1, maxConcurrency: 2, reportBatchItemFailures: true },
  ],
  // An invocation stops queuing 3 minutes before this (functions/imports/planner.ts, STOP_BEFORE_MS).
  timeoutSeconds: 900,
  // Reading is flat in the number of rows for CSV and XLSX alike (bench: npm run bench -- --only xlsx,import).
  memoryMb: 2048,
  // An XLSX file's shared strings, and a sheet stored before them (as Excel and exceljs store it), go to
  // /tmp: functions/imports/xlsx.ts uses at most MAX_DISK_BYTES (3 GiB; 500,000 rows take about 0.6 GB).
  ephemeralStorageMb: 4096,
  table: { actions: ['GetItem', 'UpdateItem'] },
  grants: [
    { kind: 'storage', prefix: 'importUploads', access: ['read'] },
    { kind: 'sqs-send', queue: 'import-work' },
    { kind: 'sqs-send', queue: 'import-plan' },
  ],
  environment: ['IMPORT_QUEUE_URL', 'IMPORT_PLAN_QUEUE_URL'],
});

export const importWorker = defineWorker({
  id: 'importWorker',
  handler: 'imports/worker.ts',
  description:
    'Import worker: repairs, checks and writes one chunk of rows (or matches or rejects each), counts it once; writes the row report at the end',
  triggers: [
    // Two at once (SQS's least): one invocation writes a chunk of 200 rows in about 0.3 s in the region,
    // ~700 rows/s, while the status and all-businesses indexes file every new record under one partition
    // key each (≤ 1,000 WCU/s, ~2 WCU a record: ~500 records/s). More invocations would only be throttled.
    { kind: 'sqs', queue: 'import-work', batchSize: 1, maxConcurrency: 2, reportBatchItemFailures: true },
  ],
  // A chunk takes seconds; the report of a 500,000-row import streams 2,500 parts into one object.
  timeoutSeconds: 300,
  memoryMb: 512,
  table: { actions: ['GetItem', 'PutItem', 'UpdateItem', 'ConditionCheckItem'] },
  grants: [
    { kind: 'storage', prefix: 'importWork', access: ['read', 'write'] },
    { kind: 'storage', prefix: 'importReports', access: ['write'] },
    { kind: 'sqs-send', queue: 'import-work' },
    // The NIK + name guard of records without NIB is keyed by the identity secret.
    { kind: 'secret-read', secret: 'identity' },
  ],
  environment: ['IMPORT_QUEUE_URL'],
});

export const workers: readonly WorkerDef[] = [
  mailer,
  digestPlanner,
  digestSender,
  digestFeedback,
  subscriptionKeyRotation,
  businessExport,
  importPlanner,
  importWorker,
];
