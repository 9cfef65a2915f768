import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { SQSEvent } from 'aws-lambda';
import type { QueueName, QueueTransport } from '../../functions/digest/queue.ts';
import { receiveSqsBatch, type SqsMessage } from './lambda-event.ts';

type SqsHandler = (event: SQSEvent, context?: never) => Promise<unknown>;

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
  /**
   * With a journal: queues again the journal's messages that were never handled to the end (still queued
   * or in flight when an earlier process stopped, or dead letters), those `select` accepts, as a redrive
   * of the dead-letter queues would. Returns how many per queue.
   */
  restore: (select: (queue: QueueName, body: string) => boolean) => Record<QueueName, number>;
  /** Rewrites the journal with only its unfinished messages (they hold addresses: keep it short). */
  compact: () => void;
}

type JournalLine =
  { op: 'add'; id: string; queue: QueueName; body: string } | { op: 'ack' | 'dead'; id: string };

/** The messages of a journal that no delivery finished (dead letters included), oldest first. */
function unfinished(journal: string): { id: string; queue: QueueName; body: string; dead: boolean }[] {
  if (!existsSync(journal)) return [];
  const open = new Map<string, { id: string; queue: QueueName; body: string; dead: boolean }>();
  for (const line of readFileSync(journal, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    let entry: JournalLine;
    try {
      entry = JSON.parse(line) as JournalLine;
    } catch {
      continue; // a line cut short when a process was killed mid-write
    }
    if (entry.op === 'add') open.set(entry.id, { ...entry, dead: false });
    else if (entry.op === 'ack') open.delete(entry.id);
    else {
      const message = open.get(entry.id);
      if (message) message.dead = true;
    }
  }
  return [...open.values()];
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
  options: {
    /**
     * A file in which every message is written when queued, and marked when handled or dead-lettered
     * (JSON lines, written synchronously), so that what a run left unsent outlives the process, as it
     * would in SQS and its dead-letter queues (`npm run digest -- --resume`).
     */
    journal?: string;
  } = {},
): LocalDigestQueue {
  const { journal } = options;
  const write = (entry: JournalLine) => {
    if (journal) appendFileSync(journal, `${JSON.stringify(entry)}\n`);
  };
  const queues: Record<QueueName, SqsMessage[]> = { plan: [], send: [] };
  if (journal && !existsSync(journal)) writeFileSync(journal, '', { mode: 0o600 });
  const deadLetters: Record<QueueName, string[]> = { plan: [], send: [] };
  const delivered: Record<QueueName, number> = { plan: 0, send: 0 };
  const transport: QueueTransport = {
    send: (queue, bodies) => {
      for (const body of bodies) {
        const id = randomUUID();
        write({ op: 'add', id, queue, body });
        queues[queue].push({ id, body, receives: 0 });
      }
      return Promise.resolve();
    },
  };
  const deliver = async (queue: QueueName, messages: SqsMessage[]) => {
    const failed = await receiveSqsBatch(queue, messages, handlers[queue]);
    delivered[queue] += messages.length;
    for (const message of messages) {
      if (!failed.has(message.id)) write({ op: 'ack', id: message.id });
      else if (message.receives >= maxReceives) {
        write({ op: 'dead', id: message.id });
        deadLetters[queue].push(message.body);
      } else queues[queue].push(message);
    }
  };
  return {
    transport,
    deadLetters,
    delivered,
    restore: (select) => {
      const restored: Record<QueueName, number> = { plan: 0, send: 0 };
      if (!journal) return restored;
      const queued = new Set([...queues.plan, ...queues.send].map((message) => message.id));
      for (const message of unfinished(journal)) {
        if (queued.has(message.id) || !select(message.queue, message.body)) continue;
        queues[message.queue].push({ id: message.id, body: message.body, receives: 0 });
        restored[message.queue]++;
      }
      return restored;
    },
    compact: () => {
      if (!journal) return;
      const lines = unfinished(journal).flatMap(({ id, queue, body, dead }) => [
        JSON.stringify({ op: 'add', id, queue, body } satisfies JournalLine),
        ...(dead ? [JSON.stringify({ op: 'dead', id } satisfies JournalLine)] : []),
      ]);
      writeFileSync(journal, lines.map((line) => `${line}\n`).join(''), { mode: 0o600 });
    },
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
