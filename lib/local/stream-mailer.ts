import { setTimeout as sleep } from 'node:timers/promises';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { triggerOf, type WorkerDef } from '../../functions/shared/worker.ts';
import { mailer } from '../../functions/workers.ts';
import { localClient } from './dynamodb.ts';
import { matchesFilter } from './workers.ts';

export type StreamHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;

export interface StreamMailer {
  /** Resolves once every record written so far has been handed to the mailer. */
  drain: () => Promise<void>;
  stop: () => Promise<void>;
}

/** Attempts per batch before the local runtime gives up on it (Lambda would use the on-failure queue). */
const MAX_ATTEMPTS = 3;

/**
 * What Lambda's event source mapping does in AWS, on one machine: reads the table's stream on DynamoDB
 * Local, keeps the records the mailer row's filter lets through, and invokes the mailer handler with
 * DynamoDB Streams events of at most the row's batch size, retrying from the first failure it reports.
 * `worker` hosts another row's stream trigger the same way (the export worker's).
 */
export async function startStreamMailer(options: {
  endpoint: string;
  tableName: string;
  handler: StreamHandler;
  intervalMs?: number;
  onError?: (error: unknown) => void;
  worker?: WorkerDef;
}): Promise<StreamMailer> {
  // The row's stream trigger, as its worker row declares it for AWS.
  const worker = options.worker ?? mailer;
  const trigger = triggerOf(worker, 'dynamodb-stream');
  const dynamo = localClient(options.endpoint);
  const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: options.tableName }));
  dynamo.destroy();
  const streamArn = Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`Table ${options.tableName} has no stream`);
  const streams = new DynamoDBStreamsClient({
    endpoint: options.endpoint,
    region: 'ap-southeast-3',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

  const iterators = new Map<string, string>();
  const closed = new Set<string>();
  let firstDiscovery = true;

  async function discoverShards(): Promise<void> {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      const shardId = shard.ShardId;
      if (!shardId || iterators.has(shardId) || closed.has(shardId)) continue;
      // Shards there at start: only what is written from now on; shards that appear later: all of them.
      const { ShardIterator } = await streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shardId,
          ShardIteratorType: firstDiscovery ? trigger.startingPosition : 'TRIM_HORIZON',
        }),
      );
      if (ShardIterator) iterators.set(shardId, ShardIterator);
    }
    firstDiscovery = false;
  }

  async function deliver(records: StreamRecord[]): Promise<void> {
    const matching = records.filter((record) => matchesFilter(trigger.filter, record));
    for (let start = 0; start < matching.length; start += trigger.batchSize)
      await deliverBatch(matching.slice(start, start + trigger.batchSize));
  }

  async function deliverBatch(batch: StreamRecord[]): Promise<void> {
    let pending = batch;
    for (let attempt = 1; pending.length > 0 && attempt <= MAX_ATTEMPTS; attempt++) {
      const event = {
        Records: pending.map((record) => ({ ...record, eventSourceARN: streamArn })),
      } as unknown as DynamoDBStreamEvent;
      const { batchItemFailures } = await options.handler(event);
      const failed = batchItemFailures[0]?.itemIdentifier;
      const from = pending.findIndex((record) => record.dynamodb?.SequenceNumber === failed);
      pending = failed === undefined || from < 0 ? [] : pending.slice(from);
      if (pending.length > 0) await sleep(100 * attempt);
    }
    if (pending.length > 0)
      options.onError?.(new Error(`${pending.length} ${worker.id} stream records failed; dropped`));
  }

  async function pollOnce(): Promise<void> {
    await discoverShards();
    for (const [shardId, iterator] of iterators) {
      const { Records, NextShardIterator } = await streams.send(
        new GetRecordsCommand({ ShardIterator: iterator }),
      );
      if (NextShardIterator) iterators.set(shardId, NextShardIterator);
      else {
        iterators.delete(shardId);
        closed.add(shardId);
      }
      if (Records?.length) await deliver(Records);
    }
  }

  await discoverShards();
  // One poll at a time: a shard iterator read twice would hand the same records over twice.
  let chain: Promise<void> = Promise.resolve();
  const poll = () => (chain = chain.then(pollOnce));
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      await poll().catch((error: unknown) => options.onError?.(error));
      await sleep(options.intervalMs ?? 200);
    }
  })();

  return {
    drain: () => poll(),
    stop: async () => {
      stopped = true;
      await loop;
      streams.destroy();
    },
  };
}
