import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, StartingPosition, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption, type IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type {
  Derived,
  WorkerDef,
  WorkerQueue,
  WorkerRule,
  WorkerSchedule,
  WorkerSecret,
  WorkerSetting,
} from '../functions/shared/worker.ts';
import { UmkmFunction } from './function.ts';
import type { UmkmStorage } from './storage.ts';

/** What the stack and the owning constructs supply for the rows of `functions/workers.ts`. */
export interface WorkerContext {
  table: Table;
  baseEnvironment: Record<string, string>;
  logRetention: RetentionDays;
  /** Values of the settings rows name; a row naming one that is missing fails the synth. */
  settings: Partial<Record<WorkerSetting, string>>;
  queues?: Partial<Record<WorkerQueue, IQueue>>;
  /** SES sending resources: the domain identity and configuration set ARNs, and a template's ARN by name. */
  ses?: { identityArn: string; configurationSetArn: string; templateArn: (name: string) => string };
  derived?: Partial<Record<Derived, { maxConcurrency: number; timeoutSeconds: number }>>;
  /** The owners of schedules and rules target the worker whose row names them. */
  schedules?: Partial<Record<WorkerSchedule, (fn: IFunction) => void>>;
  rules?: Partial<Record<WorkerRule, (fn: IFunction) => void>>;
  /** Secrets by name, and what makes a worker the rotation function of one. */
  secrets?: Partial<Record<WorkerSecret, ISecret>>;
  rotations?: Partial<Record<WorkerSecret, (fn: IFunction) => void>>;
  /** The files bucket (rows with a `storage` grant or an `s3-object-created` trigger). */
  storage?: UmkmStorage;
  /** Every function built from a row, by row id (shared by the owners; the stack checks none is missing). */
  built: Record<string, UmkmFunction>;
}

/**
 * An encrypted, TLS-only queue that holds what failed for good for 14 days, for the operators to read and
 * redrive; nothing reads it automatically, so it needs no dead-letter queue of its own (`reason` says so).
 */
export function deadLetterQueue(scope: Construct, id: string, reason: string): Queue {
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
    removalPolicy: RemovalPolicy.DESTROY,
  });
  Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS3', reason });
  return queue;
}

/** A dead-letter queue `name` with a depth alarm `${name}Depth` (`feature` names its owner in the alarm). */
/** The dead-letter queues `alarmedDeadLetterQueue` made (alarmed already), for the dashboard's graph. */
const alarmedDeadLetterQueues = new WeakSet<Queue>();
export const isAlarmedDeadLetterQueue = (node: unknown): node is Queue =>
  node instanceof Queue && alarmedDeadLetterQueues.has(node);

export function alarmedDeadLetterQueue(scope: Construct, name: string, feature: string): Queue {
  const queue = deadLetterQueue(
    scope,
    name,
    'This queue is itself a dead-letter queue (its depth raises an alarm); a queue behind it would never be read.',
  );
  new Alarm(scope, `${name}Depth`, {
    alarmDescription: `${feature}: messages in ${name} (failed for good; look at the logs, then redrive)`,
    metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
    threshold: 0,
    comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
  alarmedDeadLetterQueues.add(queue);
  return queue;
}

/**
 * A worker's queue (encrypted, TLS only, 14 days unless `retentionPeriod` says otherwise) whose messages
 * go after 5 failed receives to the alarmed dead-letter queue `${name}Failures`.
 */
export function watchedQueue(
  scope: Construct,
  name: string,
  {
    feature,
    visibilityTimeout,
    retentionPeriod = Duration.days(14),
  }: { feature: string; visibilityTimeout: Duration; retentionPeriod?: Duration },
): Queue {
  return new Queue(scope, name, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    visibilityTimeout,
    retentionPeriod,
    deadLetterQueue: { queue: alarmedDeadLetterQueue(scope, `${name}Failures`, feature), maxReceiveCount: 5 },
  });
}

const need = <T>(value: T | undefined, what: string, worker: WorkerDef): T => {
  if (value === undefined)
    throw new Error(`Worker ${worker.id} needs ${what}, which the stack does not supply`);
  return value;
};

/**
 * One worker row as a function: its role allows what the row lists and what its triggers need (the event
 * sources add the reading of their stream or queue), and its environment is the base one plus the named
 * settings. The construct ids are the caller's, so that the owning construct's logical ids stay put.
 */
export function buildWorker(
  scope: Construct,
  id: string,
  worker: WorkerDef,
  context: WorkerContext,
): UmkmFunction {
  const derive = (value: number | Derived, pick: 'maxConcurrency' | 'timeoutSeconds') =>
    typeof value === 'number' ? value : need(context.derived?.[value], `the derived ${value}`, worker)[pick];
  const queue = (name: WorkerQueue) => need(context.queues?.[name], `the ${name} queue`, worker);

  const fn = new UmkmFunction(scope, id, {
    handler: worker.handler,
    environment: {
      ...context.baseEnvironment,
      ...Object.fromEntries(
        (worker.environment ?? []).map((key) => [key, need(context.settings[key], key, worker)]),
      ),
    },
    logRetention: context.logRetention,
    timeout: Duration.seconds(derive(worker.timeoutSeconds, 'timeoutSeconds')),
    memorySize: worker.memoryMb,
    ...(worker.ephemeralStorageMb ? { ephemeralStorageMb: worker.ephemeralStorageMb } : {}),
    description: worker.description,
    secretsExtension: (worker.grants ?? []).some((grant) => grant.kind === 'secret-read'),
  });
  if (worker.table) fn.grantTable(context.table, worker.table);

  for (const grant of worker.grants ?? []) {
    switch (grant.kind) {
      case 'ses-send': {
        const ses = need(context.ses, 'SES', worker);
        fn.addToRolePolicy(
          new PolicyStatement({
            actions: [`ses:${grant.action}`],
            resources: [
              ses.identityArn,
              ses.configurationSetArn,
              ...grant.templates.map((template) => ses.templateArn(template)),
            ],
          }),
        );
        break;
      }
      case 'sqs-send':
        queue(grant.queue).grantSendMessages(fn);
        break;
      case 'secret-read': {
        const secret = need(context.secrets?.[grant.secret], `the ${grant.secret} secret`, worker);
        secret.grantRead(fn);
        fn.addEnvironment(SECRET_ENVIRONMENT[grant.secret], secret.secretArn);
        break;
      }
      case 'storage': {
        const storage = need(context.storage, 'the files bucket', worker);
        storage.grant(fn, grant);
        fn.addEnvironment('BUCKET_NAME', storage.bucket.bucketName);
        break;
      }
    }
  }

  for (const trigger of worker.triggers) {
    switch (trigger.kind) {
      case 'dynamodb-stream':
        fn.addEventSource(
          new DynamoEventSource(context.table, {
            startingPosition: StartingPosition[trigger.startingPosition],
            batchSize: trigger.batchSize,
            maxBatchingWindow: Duration.seconds(trigger.maxBatchingWindowSeconds),
            bisectBatchOnError: trigger.bisectBatchOnError,
            retryAttempts: trigger.retryAttempts,
            maxRecordAge: Duration.hours(trigger.maxRecordAgeHours),
            reportBatchItemFailures: trigger.reportBatchItemFailures,
            onFailure: new SqsDlq(
              deadLetterQueue(
                scope,
                `${id}Failures`,
                `This queue is itself the on-failure destination of the ${worker.id} stream mapping (it holds stream record pointers); a queue behind it would never be read.`,
              ),
            ),
            filters: [FilterCriteria.filter(trigger.filter)],
          }),
        );
        Validations.of(fn.role ?? fn).acknowledge({
          id: 'AwsSolutions-IAM5[Resource::*]',
          reason: `dynamodb:ListStreams, added by the stream event source, has no resource-level permissions; every other ${worker.id} permission names its resource.`,
        });
        break;
      case 'sqs':
        fn.addEventSource(
          new SqsEventSource(queue(trigger.queue), {
            batchSize: trigger.batchSize,
            maxConcurrency: derive(trigger.maxConcurrency, 'maxConcurrency'),
            ...(trigger.maxBatchingWindowSeconds === undefined
              ? {}
              : { maxBatchingWindow: Duration.seconds(trigger.maxBatchingWindowSeconds) }),
            reportBatchItemFailures: trigger.reportBatchItemFailures,
          }),
        );
        break;
      case 'schedule':
        need(context.schedules?.[trigger.schedule], `the ${trigger.schedule} schedule`, worker)(fn);
        break;
      case 'eventbridge-rule':
        need(context.rules?.[trigger.rule], `the ${trigger.rule} rule`, worker)(fn);
        break;
      case 'secret-rotation':
        need(context.rotations?.[trigger.secret], `the ${trigger.secret} rotation`, worker)(fn);
        break;
      case 's3-object-created':
        need(context.storage, 'the files bucket', worker).notify(
          scope,
          `${id}Objects`,
          fn,
          trigger.prefix,
          deadLetterQueue(
            scope,
            `${id}ObjectFailures`,
            `This queue is itself the dead-letter queue of the ${worker.id} object-created rule; a queue behind it would never be read.`,
          ),
        );
        break;
    }
  }
  if (context.built[worker.id]) throw new Error(`Worker ${worker.id} built twice`);
  context.built[worker.id] = fn;
  return fn;
}

/** The variable in which a function that reads a secret finds its ARN. */
export const SECRET_ENVIRONMENT: Record<WorkerSecret, string> = {
  'subscription-keys': 'SUBSCRIPTION_SECRET_ARN',
  identity: 'IDENTITY_SECRET_ARN',
};

/** The stream trigger's on-failure queue of a worker built with `buildWorker` (for its depth alarm). */
export const onFailureQueue = (scope: Construct, id: string): Queue =>
  scope.node.findChild(`${id}Failures`) as Queue;

/** Every function's base environment, API and workers alike. */
export const baseEnvironment = (stage: string, version: string): Record<string, string> => ({
  STAGE: stage,
  APP_VERSION: version,
  POWERTOOLS_SERVICE_NAME: 'umkm-hub',
  POWERTOOLS_LOG_LEVEL: 'INFO',
});
