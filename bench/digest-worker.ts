/**
 * Child process of `bench/digest.ts`: seeds N confirmed subscribers and a fortnight of events into a fresh
 * table on DynamoDB Local, then runs one digest through the real planner and sender code (in-process
 * queue, SES v2 stubbed to accept every recipient), and reports throughput, SES calls, DynamoDB reads and
 * peak memory over IPC.
 */
import { SESv2Client, SendBulkEmailCommand, type SendBulkEmailCommandInput } from '@aws-sdk/client-sesv2';
import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type BatchWriteCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { ensureTable } from '../lib/local/dynamodb.ts';
import { localDigest } from '../lib/local/digest-runner.ts';

export interface DigestBenchRow {
  subscribers: number;
  mailed: number;
  seconds: number;
  /** Heap the planner and sender hold above the process's baseline, one invocation at a time (MB). */
  pipelineHeapMb: number;
  /** The same after each invocation with garbage collected: state kept between invocations (MB). */
  retainedHeapMb: number;
  /** Subscribers planned and handed to the sender per second (the planner alone). */
  plannedPerSecond: number;
  subscribersPerSecond: number;
  sesCalls: number;
  expectedSesCalls: number;
  readRequests: number;
  itemsRead: number;
  readsPerSubscriber: number;
  peakRssMb: number;
  peakHeapMb: number;
  state: string;
}

const { subscribers, senders } = JSON.parse(process.argv[2] ?? '{}') as {
  subscribers: number;
  senders: number;
};
const tableName = process.env.TABLE_NAME ?? '';
await ensureTable(process.env.DYNAMODB_ENDPOINT ?? '', tableName);

const { ddb } = await import('../functions/shared/db.ts');
const keys = await import('../functions/shared/keys.ts');
const { itemOf, newEventRecord, revise } = await import('../functions/events/model.ts');
const { newId } = await import('../functions/shared/ids.ts');

// A fortnight of events across the kecamatan; every subscriber's filters match some of them.
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const now = new Date().toISOString();
const events = Array.from({ length: 12 }, (_, index) => {
  const kecamatan = `32.75.${String((index % 12) + 1).padStart(2, '0')}`;
  const draft = newEventRecord(
    {
      title: `Acara UMKM ${index + 1}`,
      type: index % 2 === 0 ? 'bazar' : 'pelatihan',
      description: 'Acara untuk UMKM binaan Dinas Koperasi dan UKM Kota Bekasi.',
      start: `${day(1 + index)}T09:00:00+07:00`,
      end: `${day(1 + index)}T15:00:00+07:00`,
      venue: { name: 'Aula', address: 'Jl. Ahmad Yani No. 1', kecamatan },
      organiser: 'Dinas Koperasi dan UKM Kota Bekasi',
      fee: index * 10_000,
      needs: index % 3 === 0 ? ['pasar'] : ['pelatihan'],
    },
    newId(),
    now,
    'bench',
  );
  return itemOf(revise(draft, { status: 'published', publishedAt: now }, now));
});

const subscriberItem = (n: number) => {
  const id = `bench-subscriber-${String(n).padStart(7, '0')}`;
  return {
    ...keys.subscriberKey(id),
    ...keys.digestIndexKey(id),
    email: `warga${n}@example.com`,
    language: n % 10 === 0 ? 'en' : 'id',
    filters: {
      kecamatan: n % 3 === 0 ? [`32.75.${String((n % 12) + 1).padStart(2, '0')}`] : [],
      types: [],
      needs: [],
    },
    status: 'confirmed',
    createdAt: now,
    updatedAt: now,
  };
};
const writes = [...events, ...Array.from({ length: subscribers }, (_, n) => subscriberItem(n))];
const chunks: (typeof writes)[] = [];
for (let start = 0; start < writes.length; start += 25) chunks.push(writes.slice(start, start + 25));
await Promise.all(
  Array.from({ length: 8 }, async () => {
    for (let chunk = chunks.pop(); chunk; chunk = chunks.pop()) {
      type Requests = NonNullable<BatchWriteCommandInput['RequestItems']>[string];
      let pending: Requests | undefined = chunk.map((Item) => ({ PutRequest: { Item } }));
      while (pending && pending.length > 0) {
        const result: BatchWriteCommandOutput = await ddb.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: pending } }),
        );
        pending = result.UnprocessedItems?.[tableName];
      }
    }
  }),
);

// Count what the digest reads: requests, and items returned (a Query page counts each item it returns).
let readRequests = 0;
let itemsRead = 0;
ddb.middlewareStack.add(
  (next, context) => async (args) => {
    const result = await next(args);
    const output = result.output as {
      Items?: unknown[];
      Item?: unknown;
      Responses?: Record<string, unknown[]>;
    };
    if (
      [
        'QueryCommand',
        'GetCommand',
        'GetItemCommand',
        'BatchGetCommand',
        'BatchGetItemCommand',
        'ScanCommand',
      ].includes(context.commandName ?? '')
    ) {
      readRequests++;
      itemsRead +=
        (output.Items?.length ?? 0) +
        (output.Item ? 1 : 0) +
        Object.values(output.Responses ?? {}).reduce((sum, items) => sum + items.length, 0);
    }
    return result;
  },
  { step: 'initialize', name: 'benchReadCounter' },
);

const ses = mockClient(SESv2Client);
let sesCalls = 0;
let mailed = 0;
ses.on(SendBulkEmailCommand).callsFake((input: SendBulkEmailCommandInput) => {
  sesCalls++;
  mailed += input.BulkEmailEntries?.length ?? 0;
  // The stub would otherwise keep every call's input (2,000 calls of 50 recipients at 100,000), which
  // is the bench's memory, not the digest's.
  queueMicrotask(() => ses.resetHistory());
  return {
    BulkEmailEntryResults: input.BulkEmailEntries?.map(() => ({ Status: 'SUCCESS', MessageId: 'bench' })),
  };
});

const { startRun, findRun, queue } = await localDigest();

let peakRss = 0;
let peakHeap = 0;
const sample = () => {
  const usage = process.memoryUsage();
  peakRss = Math.max(peakRss, usage.rss);
  peakHeap = Math.max(peakHeap, usage.heapUsed);
};
const sampler = setInterval(sample, 20);
const started = performance.now();
const { runId } = await startRun({ kind: 'start' });
// Planning alone first: every subscriber walked, matched and handed to the sender as a queued batch.
await queue.drain(undefined, senders, { planOnly: true });
const planSeconds = (performance.now() - started) / 1000;
await queue.drain(undefined, senders);
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
sample();
const run = await findRun(runId, true);
const mailedInRun = mailed;
const sesCallsInRun = sesCalls;
const readRequestsInRun = readRequests;
const itemsReadInRun = itemsRead;

// Memory of the pipeline itself: a forced second run, one invocation at a time, batches sent before further
// pages are walked (as SQS would take them off the process), measured as the heap above what the process
// already held (the seed data among it). This is what planner and sender hold, and it must not grow with N.
const collect = (globalThis as { gc?: () => void }).gc;
collect?.();
const baselineHeap = process.memoryUsage().heapUsed;
let pipelinePeak = baselineHeap;
const pipelineSampler = setInterval(() => {
  pipelinePeak = Math.max(pipelinePeak, process.memoryUsage().heapUsed);
}, 10);
// After each invocation, with the garbage collected: what planner and sender keep between invocations.
let retainedPeak = baselineHeap;
await startRun({ kind: 'start', force: true });
await queue.drain(
  () => {
    if (!collect) return;
    collect();
    retainedPeak = Math.max(retainedPeak, process.memoryUsage().heapUsed);
  },
  1,
  { sendFirst: true },
);
clearInterval(pipelineSampler);

const perLanguage = (language: string) =>
  Math.ceil(
    Array.from({ length: subscribers }, (_, n) => subscriberItem(n)).filter((s) => s.language === language)
      .length / 50,
  );
const row: DigestBenchRow = {
  subscribers,
  mailed: mailedInRun,
  seconds: Math.round(seconds * 10) / 10,
  subscribersPerSecond: Math.round(subscribers / seconds),
  plannedPerSecond: Math.round(subscribers / planSeconds),
  sesCalls: sesCallsInRun,
  expectedSesCalls: perLanguage('id') + perLanguage('en'),
  readRequests: readRequestsInRun,
  itemsRead: itemsReadInRun,
  readsPerSubscriber: Math.round((itemsReadInRun / subscribers) * 1000) / 1000,
  peakRssMb: Math.round(peakRss / 1024 / 1024),
  peakHeapMb: Math.round(peakHeap / 1024 / 1024),
  pipelineHeapMb: Math.round((pipelinePeak - baselineHeap) / 1024 / 1024),
  retainedHeapMb: Math.round((Math.max(0, retainedPeak - baselineHeap) / 1024 / 1024) * 10) / 10,
  state: run?.state ?? 'unknown',
};
process.send?.(row);
