import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { importPlanner, importWorker } from '../functions/workers.ts';
import type { UmkmFunction } from './function.ts';
import { buildWorker, deadLetterQueue as failureQueue, type WorkerContext } from './workers.ts';

export interface UmkmImportsProps {
  /** The stack's worker context (table, files bucket, base environment). */
  workers: WorkerContext;
}

/**
 * The bulk import: upload (S3 → EventBridge) → planner → work queue (chunks of 200 rows, then one report
 * message) → workers → table and row report; the planner's continuations go through its own plan queue.
 * Each queue has a dead-letter queue with a depth alarm; a visibility timeout of six times the consuming
 * function's timeout, as Lambda's SQS event source advises.
 */
export class UmkmImports extends Construct {
  readonly planner: UmkmFunction;
  readonly worker: UmkmFunction;
  readonly planQueue: Queue;
  readonly workQueue: Queue;

  constructor(scope: Construct, id: string, props: UmkmImportsProps) {
    super(scope, id);
    const deadLetterQueue = (name: string) => {
      const queue = failureQueue(
        this,
        name,
        'This queue is itself a dead-letter queue (its depth raises an alarm); a queue behind it would never be read.',
      );
      new Alarm(this, `${name}Depth`, {
        alarmDescription: `Import: messages in ${name} (failed for good; look at the logs, then redrive)`,
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      return queue;
    };
    const workQueue = (name: string, consumerTimeoutSeconds: number) =>
      new Queue(this, name, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(6 * consumerTimeoutSeconds),
        retentionPeriod: Duration.days(14),
        deadLetterQueue: { queue: deadLetterQueue(`${name}Failures`), maxReceiveCount: 5 },
      });
    this.planQueue = workQueue('PlanQueue', importPlanner.timeoutSeconds);
    this.workQueue = workQueue('WorkQueue', importWorker.timeoutSeconds);

    const context: WorkerContext = {
      ...props.workers,
      settings: {
        ...props.workers.settings,
        IMPORT_QUEUE_URL: this.workQueue.queueUrl,
        IMPORT_PLAN_QUEUE_URL: this.planQueue.queueUrl,
      },
      queues: { 'import-plan': this.planQueue, 'import-work': this.workQueue },
    };
    this.planner = buildWorker(this, 'Planner', importPlanner, context);
    this.worker = buildWorker(this, 'Worker', importWorker, context);
  }
}
