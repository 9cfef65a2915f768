import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { ImportMessage } from './model.ts';

/**
 * Where the planner puts chunks (and the last chunk its report message): the import queue in Lambda; an
 * in-process queue locally, in the tests and the bench (`useImportQueue`), so the same code runs everywhere.
 */
export interface ImportQueue {
  send(messages: ImportMessage[]): Promise<void>;
}

let sqs: SQSClient | undefined;

const sqsQueue: ImportQueue = {
  async send(messages) {
    const url = process.env.IMPORT_QUEUE_URL;
    if (!url) throw new Error('Environment variable IMPORT_QUEUE_URL is not set');
    sqs ??= new SQSClient({});
    for (let start = 0; start < messages.length; start += 10) {
      let entries = messages
        .slice(start, start + 10)
        .map((message, index) => ({ Id: String(index), MessageBody: JSON.stringify(message) }));
      for (let attempt = 1; entries.length > 0; attempt++) {
        const { Failed } = await sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries }));
        const failed = new Set((Failed ?? []).map((entry) => entry.Id));
        entries = entries.filter((entry) => failed.has(entry.Id));
        if (entries.length > 0 && attempt >= 5)
          throw new Error(`${entries.length} messages not accepted by SQS`);
        if (entries.length > 0) await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
      }
    }
  },
};

let queue: ImportQueue = sqsQueue;

export const enqueueImport = (messages: ImportMessage[]) =>
  messages.length === 0 ? Promise.resolve() : queue.send(messages);

/** Replaces SQS (local runs, tests, bench). */
export function useImportQueue(replacement: ImportQueue): void {
  queue = replacement;
}
