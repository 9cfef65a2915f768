import { Duration } from 'aws-cdk-lib';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { importPlanner, importWorker } from '../functions/workers.ts';
import type { UmkmFunction } from './function.ts';
import { buildWorker, watchedQueue, type WorkerContext } from './workers.ts';

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
    this.planQueue = watchedQueue(this, 'PlanQueue', {
      feature: 'Import',
      visibilityTimeout: Duration.seconds(6 * importPlanner.timeoutSeconds),
    });
    this.workQueue = watchedQueue(this, 'WorkQueue', {
      feature: 'Import',
      visibilityTimeout: Duration.seconds(6 * importWorker.timeoutSeconds),
    });

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
