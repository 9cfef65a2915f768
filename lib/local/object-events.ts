import { randomUUID } from 'node:crypto';
import type { S3Event, S3ObjectCreatedNotificationEvent } from 'aws-lambda';
import { STORAGE_PREFIXES } from '../../functions/shared/storage-keys.ts';
import type { WorkerDef } from '../../functions/shared/worker.ts';
import { loadWorker } from './workers.ts';

type ObjectCreatedHandler = (event: S3ObjectCreatedNotificationEvent) => Promise<unknown>;

/** The S3 stand-in's notification of one created object as EventBridge delivers it from S3 ("Object Created"). */
export function objectCreatedEvent(
  record: S3Event['Records'][number],
  region: string,
): S3ObjectCreatedNotificationEvent {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Object Created',
    source: 'aws.s3',
    account: '000000000000',
    time: record.eventTime,
    region,
    resources: [`arn:aws:s3:::${record.s3.bucket.name}`],
    detail: {
      version: '0',
      bucket: { name: record.s3.bucket.name },
      object: {
        key: record.s3.object.key,
        size: record.s3.object.size,
        etag: record.s3.object.eTag,
        sequencer: record.s3.object.sequencer,
      },
      'request-id': randomUUID(),
      requester: '000000000000',
      'source-ip-address': '127.0.0.1',
      reason: record.eventName.endsWith('Post') ? 'CompleteMultipartUpload' : 'PutObject',
    },
  } as S3ObjectCreatedNotificationEvent;
}

/**
 * Hands each object-created notification of the S3 stand-in to the worker rows whose `s3-object-created`
 * trigger names a prefix the key starts with, as the stack's EventBridge rules do. The rule retries a
 * failing invocation in AWS; here a failure is reported to `onError` and the invocation is retried up to
 * `retries` times.
 */
export function objectEventDispatcher(
  rows: readonly WorkerDef[],
  options: {
    region: string;
    onError: (worker: WorkerDef, error: unknown) => void;
    retries?: number;
    /** Handlers the caller has loaded itself, by row id (the import planner, wired to the local queue). */
    handlers?: Partial<Record<string, ObjectCreatedHandler>>;
  },
) {
  const targets = rows.flatMap((worker) =>
    worker.triggers.flatMap((trigger) =>
      trigger.kind === 's3-object-created' ? [{ worker, prefix: STORAGE_PREFIXES[trigger.prefix] }] : [],
    ),
  );
  const running = new Set<Promise<void>>();
  const invoke = async (worker: WorkerDef, event: S3ObjectCreatedNotificationEvent) => {
    const handler =
      options.handlers?.[worker.id] ?? (await loadWorker<{ handler: ObjectCreatedHandler }>(worker)).handler;
    for (let attempt = 0; ; attempt++) {
      try {
        await handler(event);
        return;
      } catch (error) {
        options.onError(worker, error);
        if (attempt >= (options.retries ?? 2)) return;
      }
    }
  };
  return {
    /** The listener to give the S3 stand-in. */
    listener: (notification: S3Event) => {
      for (const record of notification.Records) {
        if (!record.eventName.startsWith('ObjectCreated:')) continue;
        for (const { worker, prefix } of targets) {
          if (!record.s3.object.key.startsWith(prefix)) continue;
          const done = invoke(worker, objectCreatedEvent(record, options.region)).finally(() =>
            running.delete(done),
          );
          running.add(done);
        }
      }
    },
    /** Resolves when every invocation started so far has finished (tests, shutdown). */
    idle: async () => {
      while (running.size > 0) await Promise.all([...running]);
    },
  };
}
