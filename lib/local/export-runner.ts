import type { ExportMessage } from '../../functions/businesses/export-queue.ts';
import { triggerOf } from '../../functions/shared/worker.ts';
import { businessExport } from '../../functions/workers.ts';
import { lambdaContext, receiveSqsBatch, type SqsMessage } from './lambda-event.ts';
import { startStreamMailer } from './stream-mailer.ts';
import { loadWorker } from './workers.ts';

/** Deliveries of one message before it would sit in the dead-letter queue (the stack's redrive policy). */
const MAX_RECEIVES = 5;

export interface LocalExports {
  /** Resolves when no leg is queued or running (tests, shutdown). */
  idle: () => Promise<void>;
  /** Messages that failed `MAX_RECEIVES` times. */
  deadLetters: string[];
  stop: () => Promise<void>;
}

/**
 * The export worker as the stack runs it, on one machine: its stream trigger (new export jobs, through the
 * row's filter, read from DynamoDB Local's stream) and its queue, in this process: legs are delivered in
 * SQS events of the row's batch size, at most the row's concurrency at a time, each with the row's timeout
 * as its remaining time; a failed leg comes back after `retryDelayMs` (the visibility timeout in AWS).
 * Loaded from the TypeScript module, so that the in-process queue replaces SQS in the module the worker uses.
 */
export async function startLocalExports(options: {
  endpoint: string;
  tableName: string;
  onError: (error: unknown) => void;
  retryDelayMs?: number;
  /** The leg's time budget (defaults to the row's timeout). */
  timeoutMs?: number;
}): Promise<LocalExports> {
  const worker = await loadWorker<typeof import('../../functions/businesses/export-worker.ts')>(
    businessExport,
    { source: true },
  );
  const { useExportQueue } = await import('../../functions/businesses/export-queue.ts');
  const trigger = triggerOf(businessExport, 'sqs');
  const concurrency = typeof trigger.maxConcurrency === 'number' ? trigger.maxConcurrency : 1;
  const timeoutMs = options.timeoutMs ?? Number(businessExport.timeoutSeconds) * 1000;

  const queued: SqsMessage[] = [];
  const deadLetters: string[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let running = 0;
  let sequence = 0;
  /** Once stopping, nothing new is delivered and failed legs are not tried again. */
  let stopped = false;
  let waiters: (() => void)[] = [];

  const settleIfIdle = () => {
    if (running > 0 || queued.length > 0 || timers.size > 0) return;
    for (const resolve of waiters) resolve();
    waiters = [];
  };
  const deliver = async (batch: SqsMessage[]) => {
    const failed = await receiveSqsBatch(
      'export-run',
      batch,
      (event) => worker.handler(event, lambdaContext(businessExport.id, timeoutMs)),
      options.onError,
    );
    for (const message of batch.filter((candidate) => failed.has(candidate.id))) {
      if (stopped) continue;
      if (message.receives >= MAX_RECEIVES) {
        deadLetters.push(message.body);
        continue;
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        queued.push(message);
        pump();
      }, options.retryDelayMs ?? 1_000);
      timers.add(timer);
    }
  };
  const pump = () => {
    if (stopped) queued.length = 0;
    while (running < concurrency && queued.length > 0) {
      const batch = queued.splice(0, trigger.batchSize);
      running++;
      void deliver(batch).finally(() => {
        running--;
        pump();
        settleIfIdle();
      });
    }
    settleIfIdle();
  };
  useExportQueue({
    send: (messages: ExportMessage[]) => {
      for (const message of messages)
        queued.push({ id: `local-export-${++sequence}`, body: JSON.stringify(message), receives: 0 });
      // After the sender's own step: SQS delivers a message sent by a running leg to another invocation.
      setImmediate(pump);
      return Promise.resolve();
    },
  });
  const stream = await startStreamMailer({
    endpoint: options.endpoint,
    tableName: options.tableName,
    handler: worker.handler,
    worker: businessExport,
    onError: options.onError,
  });
  const idle = async () => {
    await stream.drain();
    await new Promise<void>((resolve) => {
      waiters.push(resolve);
      settleIfIdle();
    });
  };
  return {
    idle,
    deadLetters,
    stop: async () => {
      stopped = true;
      await stream.stop();
      queued.length = 0;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        settleIfIdle();
      });
    },
  };
}
