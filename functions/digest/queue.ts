import { SQSClient, SendMessageBatchCommand } from '@aws-sdk/client-sqs';

/**
 * Where the planner puts messages: the plan queue (shard walks) and the send queue (batches). In Lambda
 * that is SQS; the local runner, the tests and the bench swap in an in-process queue with
 * `useQueueTransport`, so the same planner code runs everywhere.
 */
export type QueueName = 'plan' | 'send';

export interface QueueTransport {
  send(queue: QueueName, bodies: string[]): Promise<void>;
}

let sqs: SQSClient | undefined;

const sqsTransport: QueueTransport = {
  async send(queue, bodies) {
    const url = process.env[queue === 'plan' ? 'PLAN_QUEUE_URL' : 'SEND_QUEUE_URL'];
    if (!url) throw new Error(`Environment variable for the ${queue} queue is not set`);
    sqs ??= new SQSClient({});
    for (let start = 0; start < bodies.length; start += 10) {
      let entries = bodies
        .slice(start, start + 10)
        .map((body, index) => ({ Id: String(index), MessageBody: body }));
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

let transport: QueueTransport = sqsTransport;

export const enqueue = (queue: QueueName, bodies: string[]): Promise<void> =>
  bodies.length === 0 ? Promise.resolve() : transport.send(queue, bodies);

/** Replaces SQS (local runs, tests, bench). */
export function useQueueTransport(replacement: QueueTransport): void {
  transport = replacement;
}
