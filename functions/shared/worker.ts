import type { TableAction } from './route.ts';
import type { StorageGrant, StoragePrefix } from './storage-keys.ts';
import type { IndexName } from './table.ts';

/**
 * The worker manifest's vocabulary: what an asynchronous function (one no API route invokes) is woken by,
 * what it may do and which settings it reads. `functions/workers.ts` lists the rows; the CDK stack
 * (`lib/workers.ts`) builds each function, its event source, role and environment from its row, and the
 * local runtime (`lib/local/`) hosts the same handlers with the same filter and batch size.
 *
 * Growing it means a new member of a union here, then one `case` for it in `lib/workers.ts` (and in the
 * infra test's table of what each trigger or grant allows), as the files bucket's `s3-object-created`
 * trigger and `storage` grant did. The TypeScript compiler then points at every place that must handle it
 * (the switches are exhaustive).
 */

/** Queues that workers consume or send to, by name; the construct that owns each queue registers it. */
export type WorkerQueue = 'digest-plan' | 'digest-send' | 'export-run' | 'import-plan' | 'import-work';

/**
 * A value the stack derives from the stage rather than a constant: `ses-pacing` is the digest sender's
 * concurrency and timeout, sized so that all senders together stay within the SES account's send rate.
 */
export type Derived = 'ses-pacing';

export type WorkerTrigger =
  /** The table's stream, through an event source mapping that lets only matching records through. */
  | {
      kind: 'dynamodb-stream';
      /** Lambda event filter pattern (the local runtime applies the same pattern). */
      filter: Record<string, unknown>;
      /** Where a new mapping starts reading (the local runtime starts there too). */
      startingPosition: 'LATEST' | 'TRIM_HORIZON';
      batchSize: number;
      maxBatchingWindowSeconds: number;
      retryAttempts: number;
      maxRecordAgeHours: number;
      bisectBatchOnError: boolean;
      reportBatchItemFailures: boolean;
      /** Records that keep failing go (as stream pointers) to an SQS on-failure queue with a depth alarm. */
      onFailure: 'dead-letter-queue';
    }
  /** An SQS queue (the queue's owner gives it a redrive policy to a dead-letter queue). */
  | {
      kind: 'sqs';
      queue: WorkerQueue;
      batchSize: number;
      maxConcurrency: number | Derived;
      maxBatchingWindowSeconds?: number;
      reportBatchItemFailures: boolean;
    }
  /** An EventBridge Scheduler schedule, owned by the feature's construct (its cron lives in the stage config). */
  | { kind: 'schedule'; schedule: WorkerSchedule }
  /** An EventBridge rule, owned by the feature's construct (its event pattern names deployed resources). */
  | { kind: 'eventbridge-rule'; rule: WorkerRule }
  /** Secrets Manager's rotation of a named secret (the secret's owner sets the schedule). */
  | { kind: 'secret-rotation'; secret: WorkerSecret }
  /**
   * Objects created under a prefix of the files bucket: S3 → EventBridge ("Object Created") → a rule with
   * retries and a dead-letter queue → the function (locally, the S3 stand-in's notifications in that shape).
   */
  | { kind: 's3-object-created'; prefix: StoragePrefix };

/** Schedules and rules by name; the construct that owns each one targets the worker whose row names it. */
export type WorkerSchedule = 'digest-weekly';
export type WorkerRule = 'ses-feedback';
/** Secrets by name; the stack owns them. */
export type WorkerSecret = 'subscription-keys' | 'identity';

export type WorkerGrant =
  /**
   * SES v2 sending through the stage's verified domain identity and configuration set, with the named
   * templates (unprefixed names) and nothing else.
   */
  | { kind: 'ses-send'; action: 'SendEmail' | 'SendBulkEmail'; templates: readonly string[] }
  /** Sending messages to a named queue. */
  | { kind: 'sqs-send'; queue: WorkerQueue }
  /**
   * Reading a named secret at run time through the AWS Parameters and Secrets Lambda extension (added as
   * a layer, its ARN in `SUBSCRIPTION_SECRET_ARN` or `IDENTITY_SECRET_ARN`), never as a value in the function's configuration.
   */
  | { kind: 'secret-read'; secret: WorkerSecret }
  /** Operations on the objects under one prefix of the files bucket (`BUCKET_NAME` comes with it). */
  | ({ kind: 'storage' } & StorageGrant);

/**
 * Settings a worker reads from its environment, by name. The stack supplies each value from the stage
 * configuration or the deployed resources; rows never hold values. `TABLE_NAME` comes with a table grant,
 * and the base environment (stage, version, logging) comes to every function.
 */
export type WorkerSetting =
  | 'API_URL'
  | 'WEB_URL'
  | 'MAIL_FROM'
  | 'SES_TEMPLATE_PREFIX'
  | 'SES_CONFIGURATION_SET'
  | 'PROGRAMME_ADDRESS'
  | 'PLAN_QUEUE_URL'
  | 'SEND_QUEUE_URL'
  | 'DIGEST_LATE_AFTER_HOURS'
  | 'SES_MIN_BATCH_MS'
  | 'BATCH_LEASE_SECONDS'
  | 'SOFT_BOUNCE_LIMIT'
  | 'EXPORT_QUEUE_URL'
  | 'IMPORT_QUEUE_URL'
  | 'IMPORT_PLAN_QUEUE_URL';

/** One row of the worker manifest. */
export interface WorkerDef {
  /** Stable id: names the Lambda function, its CDK construct and its error alarm. */
  id: string;
  /** Handler module, relative to `functions/`; it exports `handler`. */
  handler: string;
  description: string;
  /** One function may be woken several ways (the planner: its schedule and its own queue). */
  triggers: readonly WorkerTrigger[];
  timeoutSeconds: number | Derived;
  /** Defaults to 256 MB. */
  memoryMb?: number;
  /** Lambda's /tmp (ephemeral storage); 512 MB when absent. */
  ephemeralStorageMb?: number;
  /** What the function may do on the table (least privilege); omit when it does not touch items. */
  table?: { actions: readonly TableAction[]; indexes?: readonly IndexName[] };
  grants?: readonly WorkerGrant[];
  environment?: readonly WorkerSetting[];
}

/** Keeps a row's literal types (and checks it against `WorkerDef`). */
export const defineWorker = <W extends WorkerDef>(worker: W): W => worker;

/** The row's trigger of one kind (the local runtime reads its stream filter or queue settings). */
export function triggerOf<K extends WorkerTrigger['kind']>(
  worker: WorkerDef,
  kind: K,
): Extract<WorkerTrigger, { kind: K }> {
  const trigger = worker.triggers.find((candidate) => candidate.kind === kind);
  if (!trigger) throw new Error(`Worker ${worker.id} has no ${kind} trigger`);
  return trigger as Extract<WorkerTrigger, { kind: K }>;
}
