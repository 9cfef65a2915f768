import { Duration } from 'aws-cdk-lib';
import type { IQueue, Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { businessExport } from '../functions/workers.ts';
import type { UmkmFunction } from './function.ts';
import { buildWorker, onFailureQueue, watchedQueue, type WorkerContext } from './workers.ts';

export interface UmkmExportsProps {
  /** The stack's worker context (table, files bucket, base environment). */
  workers: WorkerContext;
}

/**
 * Registry exports too large for one answer, and every XLSX: the table's stream hands each new export job
 * to the export queue, whose messages (one per leg) wake the export worker (`functions/workers.ts`,
 * `businessExport`). A message stays invisible a little longer than the worker may run, so that a leg
 * cut off by its timeout comes back once its lease has lapsed; one that keeps failing goes to an alarmed
 * dead-letter queue (the worker marks the job failed before that).
 */
export class UmkmExports extends Construct {
  readonly worker: UmkmFunction;
  readonly queue: Queue;
  /** For the stack's depth alarms: the stream trigger's failures (the queue's dead letters have their own). */
  readonly deadLetterQueues: Record<string, IQueue>;

  constructor(scope: Construct, id: string, props: UmkmExportsProps) {
    super(scope, id);
    const timeout = Number(businessExport.timeoutSeconds);
    // 4 days, not 14: an export job lives 2 days (EXPORT_JOB_TTL_SECONDS), its legs no longer.
    this.queue = watchedQueue(this, 'Queue', {
      feature: 'Export',
      visibilityTimeout: Duration.seconds(timeout + 60),
      retentionPeriod: Duration.days(4),
    });
    this.worker = buildWorker(this, 'Worker', businessExport, {
      ...props.workers,
      settings: { ...props.workers.settings, EXPORT_QUEUE_URL: this.queue.queueUrl },
      queues: { ...props.workers.queues, 'export-run': this.queue },
    });
    this.deadLetterQueues = { ExportStreamDeadLetters: onFailureQueue(this, 'Worker') };
  }
}
