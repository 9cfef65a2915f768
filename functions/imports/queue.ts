import { sendBatches } from '../shared/sqs.ts';
import type { ImportMessage } from './model.ts';

/**
 * Where the planner puts chunks (and the last chunk its report message): the import queue in Lambda; an
 * in-process queue locally, in the tests and the bench (`useImportQueue`), so the same code runs everywhere.
 */
export interface ImportQueue {
  send(messages: ImportMessage[]): Promise<void>;
}

const sqsQueue: ImportQueue = {
  async send(messages) {
    const url = process.env.IMPORT_QUEUE_URL;
    if (!url) throw new Error('Environment variable IMPORT_QUEUE_URL is not set');
    await sendBatches(
      url,
      messages.map((message) => JSON.stringify(message)),
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
