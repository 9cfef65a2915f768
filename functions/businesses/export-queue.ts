import * as z from 'zod/mini';
import { ULID } from '../shared/ids.ts';
import { sendBatches } from '../shared/sqs.ts';

/** The export queue's message: go on with one export job (from its checkpoint). */
export const ExportMessage = z.strictObject({ exportId: z.string().check(z.regex(ULID)) });
export type ExportMessage = z.infer<typeof ExportMessage>;

/**
 * Where the worker puts a job's next leg: the export queue in Lambda; an in-process queue locally, in the
 * tests and the bench (`useExportQueue`), so that the same worker code runs everywhere.
 */
export interface ExportQueue {
  send(messages: ExportMessage[]): Promise<void>;
}

const sqsQueue: ExportQueue = {
  async send(messages) {
    const url = process.env.EXPORT_QUEUE_URL;
    if (!url) throw new Error('Environment variable EXPORT_QUEUE_URL is not set');
    await sendBatches(
      url,
      messages.map((message) => JSON.stringify(message)),
    );
  },
};

let queue: ExportQueue = sqsQueue;

export const enqueueExports = (messages: ExportMessage[]) =>
  messages.length === 0 ? Promise.resolve() : queue.send(messages);

/** Replaces SQS (local runs, tests, bench). */
export function useExportQueue(replacement: ExportQueue): void {
  queue = replacement;
}
