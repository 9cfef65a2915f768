import type { S3ObjectCreatedNotificationEvent, SQSEvent } from 'aws-lambda';
import type { ImportMessage } from '../../functions/imports/messages.ts';
import { triggerOf } from '../../functions/shared/worker.ts';
import { importPlanner, importWorker } from '../../functions/workers.ts';
import { lambdaContext, receiveSqsBatch, type SqsMessage } from './lambda-event.ts';
import { loadWorker } from './workers.ts';

type Queue = 'plan' | 'work';

/**
 * The import's two SQS queues in this process, for `npm start`, the tests and the bench: the planner's
 * `enqueueImport` lands here, and messages are handed at once, as the SQS event sources would, to the
 * planner (continuations) or the worker (chunks, the report), in SQS events of the rows' batch sizes, with
 * ReportBatchItemFailures honoured and a message that keeps failing moved to a dead-letter list after
 * five receives. The handlers run with a Lambda context whose remaining time counts down from the row's
 * timeout, so the planner's hand-over runs locally too. Import after the environment is set.
 */
export async function localImports(options: {
  onError: (what: string, error: unknown) => void;
  /** Chunks worked at once: the worker row's maxConcurrency unless given. */
  concurrency?: number;
  maxReceives?: number;
}) {
  // From the TypeScript modules even with LOCAL_BUNDLES: the in-process queue replaces SQS in the module
  // below, which a bundle would carry its own copy of.
  const planner = await loadWorker<typeof import('../../functions/imports/planner.ts')>(importPlanner, {
    source: true,
  });
  const worker = await loadWorker<typeof import('../../functions/imports/worker.ts')>(importWorker, {
    source: true,
  });
  const { useImportQueue } = await import('../../functions/imports/queue.ts');
  const plannerContext = () => lambdaContext(importPlanner.id, importPlanner.timeoutSeconds * 1000);
  const handlers: Record<Queue, (event: SQSEvent) => Promise<unknown>> = {
    plan: (event) => planner.handler(event, plannerContext()),
    work: (event) => worker.handler(event),
  };
  const batchSizes: Record<Queue, number> = {
    plan: triggerOf(importPlanner, 'sqs').batchSize,
    work: triggerOf(importWorker, 'sqs').batchSize,
  };
  const limits: Record<Queue, number> = {
    plan: 1,
    work: options.concurrency ?? Number(triggerOf(importWorker, 'sqs').maxConcurrency),
  };
  const maxReceives = options.maxReceives ?? 5;
  const queues: Record<Queue, SqsMessage[]> = { plan: [], work: [] };
  const running: Record<Queue, number> = { plan: 0, work: 0 };
  const deadLetters: Record<Queue, string[]> = { plan: [], work: [] };
  const inFlight = new Set<Promise<void>>();
  let sequence = 0;

  const deliver = async (queue: Queue, messages: SqsMessage[]) => {
    const failed = await receiveSqsBatch(`import-${queue}`, messages, handlers[queue], (error) =>
      options.onError(`import ${queue} queue`, error),
    );
    for (const message of messages.filter((candidate) => failed.has(candidate.id))) {
      if (message.receives >= maxReceives) deadLetters[queue].push(message.body);
      else queues[queue].push(message);
    }
  };
  const pump = () => {
    for (const queue of ['plan', 'work'] as const) {
      while (running[queue] < limits[queue] && queues[queue].length > 0) {
        const batch = queues[queue].splice(0, batchSizes[queue]);
        running[queue]++;
        const done: Promise<void> = deliver(queue, batch).finally(() => {
          running[queue]--;
          inFlight.delete(done);
          setImmediate(pump);
        });
        inFlight.add(done);
      }
    }
  };
  useImportQueue({
    send: (messages: ImportMessage[]) => {
      for (const message of messages)
        queues[message.kind === 'plan' ? 'plan' : 'work'].push({
          id: `local-import-${++sequence}`,
          body: JSON.stringify(message),
          receives: 0,
        });
      setImmediate(pump);
      return Promise.resolve();
    },
  });
  return {
    /** What the S3 stand-in's object-created notifications call (EventBridge's target in AWS). */
    onUpload: (event: S3ObjectCreatedNotificationEvent) => planner.handler(event, plannerContext()),
    deadLetters,
    /** Resolves when no message is queued or being handled. */
    idle: async () => {
      while (inFlight.size > 0 || queues.plan.length > 0 || queues.work.length > 0) {
        if (inFlight.size > 0) await Promise.race([...inFlight]);
        else await new Promise((resolve) => setImmediate(resolve));
      }
    },
  };
}
