import { sendBatches } from '../shared/sqs.ts';

/**
 * Where the planner puts messages: the plan queue (shard walks) and the send queue (batches). In Lambda
 * that is SQS; the local runner, the tests and the bench swap in an in-process queue with
 * `useQueueTransport`, so the same planner code runs everywhere.
 */
export type QueueName = 'plan' | 'send';

export interface QueueTransport {
  send(queue: QueueName, bodies: string[]): Promise<void>;
}

const sqsTransport: QueueTransport = {
  async send(queue, bodies) {
    const url = process.env[queue === 'plan' ? 'PLAN_QUEUE_URL' : 'SEND_QUEUE_URL'];
    if (!url) throw new Error(`Environment variable for the ${queue} queue is not set`);
    await sendBatches(url, bodies);
  },
};

let transport: QueueTransport = sqsTransport;

export const enqueue = (queue: QueueName, bodies: string[]): Promise<void> =>
  bodies.length === 0 ? Promise.resolve() : transport.send(queue, bodies);

/** Replaces SQS (local runs, tests, bench). */
export function useQueueTransport(replacement: QueueTransport): void {
  transport = replacement;
}
