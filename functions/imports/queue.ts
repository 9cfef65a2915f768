import { sendBatches } from '../shared/sqs.ts';
import type { ImportMessage } from './messages.ts';

/**
 * Where the import's messages go: chunks and the report message to the import queue (the workers), the
 * planner's continuation to the plan queue (the planner again). In Lambda those are SQS queues; locally,
 * in the tests and the bench an in-process queue replaces them (`useImportQueue`), so the same code runs
 * everywhere.
 */
export interface ImportQueue {
  send(messages: ImportMessage[]): Promise<void>;
}

const queueUrl = (name: 'IMPORT_QUEUE_URL' | 'IMPORT_PLAN_QUEUE_URL') => {
  const url = process.env[name];
  if (!url) throw new Error(`Environment variable ${name} is not set`);
  return url;
};

const sqsQueue: ImportQueue = {
  async send(messages) {
    const plans = messages.filter((message) => message.kind === 'plan');
    const work = messages.filter((message) => message.kind !== 'plan');
    if (work.length > 0)
      await sendBatches(
        queueUrl('IMPORT_QUEUE_URL'),
        work.map((message) => JSON.stringify(message)),
      );
    if (plans.length > 0)
      await sendBatches(
        queueUrl('IMPORT_PLAN_QUEUE_URL'),
        plans.map((message) => JSON.stringify(message)),
      );
  },
};

let queue: ImportQueue = sqsQueue;

export const enqueueImport = (messages: ImportMessage[]) =>
  messages.length === 0 ? Promise.resolve() : queue.send(messages);

/** Replaces SQS (local runs, tests, bench). */
export function useImportQueue(replacement: ImportQueue): void {
  queue = replacement;
}
