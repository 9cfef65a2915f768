import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { QueueName, QueueTransport } from '../../functions/digest/queue.ts';

type SqsHandler = (event: SQSEvent, context?: never) => Promise<unknown>;

interface Message {
  id: string;
  body: string;
  receives: number;
}

export interface LocalDigestQueue {
  transport: QueueTransport;
  /** Delivers messages until both queues are empty, as the SQS event sources would (batches of the rows' size). */
  drain: (
    onDelivered?: (queue: QueueName) => void | Promise<void>,
    concurrency?: number,
    options?: {
      /** Deliver the planner's messages only, leaving the batches queued (the bench times planning alone). */
      planOnly?: boolean;
      /** Send queued batches before walking further pages, so that the queue stays short (memory bench). */
      sendFirst?: boolean;
    },
  ) => Promise<void>;
  /** Messages that failed `maxReceives` times (what would sit in the dead-letter queues). */
  deadLetters: Record<QueueName, string[]>;
  delivered: Record<QueueName, number>;
}

/**
 * The digest's two SQS queues in this process, for `npm run digest`, the integration tests and the
 * bench: the planner's `enqueue` lands here, and `drain` hands batches of up to the queue's batch size
 * (the worker rows' SQS triggers) to the planner or sender handler in an SQS event, honouring
 * ReportBatchItemFailures and moving a message that keeps failing to a dead-letter list after
 * `maxReceives` tries.
 */
export function localDigestQueue(
  handlers: { plan: SqsHandler; send: SqsHandler },
  batchSizes: Record<QueueName, number>,
  maxReceives = 5,
): LocalDigestQueue {
  const queues: Record<QueueName, Message[]> = { plan: [], send: [] };
  const deadLetters: Record<QueueName, string[]> = { plan: [], send: [] };
  const delivered: Record<QueueName, number> = { plan: 0, send: 0 };
  let sequence = 0;
  const transport: QueueTransport = {
    send: (queue, bodies) => {
      for (const body of bodies) queues[queue].push({ id: `local-${++sequence}`, body, receives: 0 });
      return Promise.resolve();
    },
  };
  const deliver = async (queue: QueueName, messages: Message[]) => {
    for (const message of messages) message.receives++;
    const event = {
      Records: messages.map((message) => ({
        messageId: message.id,
        receiptHandle: message.id,
        body: message.body,
        attributes: { ApproximateReceiveCount: String(message.receives) },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: `arn:aws:sqs:local:000000000000:${queue}`,
        awsRegion: 'local',
      })),
    } as unknown as SQSEvent;
    let failed: Set<string>;
    try {
      const result = (await handlers[queue](event)) as SQSBatchResponse | undefined;
      failed = new Set((result?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
    } catch {
      failed = new Set(messages.map((message) => message.id));
    }
    delivered[queue] += messages.length;
    for (const message of messages.filter((candidate) => failed.has(candidate.id))) {
      if (message.receives >= maxReceives) deadLetters[queue].push(message.body);
      else queues[queue].push(message);
    }
  };
  return {
    transport,
    deadLetters,
    delivered,
    drain: async (onDelivered, concurrency = 1, { planOnly = false, sendFirst = false } = {}) => {
      // Workers take the next message (shard walks first) until both queues are empty and none is in flight.
      let inFlight = 0;
      const worker = async (): Promise<void> => {
        for (;;) {
          const queue: QueueName | undefined =
            sendFirst && queues.send.length > 0
              ? 'send'
              : queues.plan.length > 0
                ? 'plan'
                : queues.send.length > 0 && !planOnly
                  ? 'send'
                  : undefined;
          if (!queue) {
            if (inFlight === 0) return;
            await new Promise((resolve) => setTimeout(resolve, 1));
            continue;
          }
          const batch = queues[queue].splice(0, batchSizes[queue]);
          if (batch.length === 0) continue;
          inFlight++;
          try {
            await deliver(queue, batch);
          } finally {
            inFlight--;
          }
          await onDelivered?.(queue);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
    },
  };
}
