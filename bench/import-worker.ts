/**
 * Child process of `bench/imports.ts`, one step of one import per process so that each step's memory is
 * its own: `upload` (creates the import job and uploads the CSV to the S3 stand-in, not timed), `plan`
 * (the real planner reads the file from S3 and queues its chunks) and `work` (the real worker handler takes
 * the queued chunks as SQS batches, `concurrency` invocations at once, then writes the report). The queue
 * between planner and workers is a file of messages, one JSON line each, standing in for SQS: neither
 * step holds the other's messages in memory. Reports over IPC.
 */
import { createReadStream } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { ensureTable } from '../lib/local/dynamodb.ts';
import { receiveSqsBatch } from '../lib/local/lambda-event.ts';

export interface ImportStepArgs {
  step: 'upload' | 'plan' | 'work';
  importId: string;
  /** The CSV file (upload) or the queue file (plan, work). */
  file: string;
  queueFile: string;
  /** Concurrent worker invocations, and chunks per SQS batch (work). */
  concurrency?: number;
  batchSize?: number;
}

export interface ImportStepResult {
  seconds: number;
  /** Peak RSS and heap of the process during the step, and the heap above the baseline before it (MB). */
  peakRssMb: number;
  peakHeapMb: number;
  stepHeapMb: number;
  /** The heap still held after the step, after a full collection, above the baseline (MB): what grows with N if anything does. */
  retainedHeapMb: number;
  /** DynamoDB requests that write, the items they write, and the write capacity units DynamoDB reported. */
  writeRequests: number;
  itemsWritten: number;
  writeUnits: number;
  readRequests: number;
  readUnits: number;
  messages: number;
  /** Messages that failed every receive (dead letters): none in a sound run. */
  failedMessages: number;
  job?: Record<string, unknown>;
}

const args = JSON.parse(process.argv[2] ?? '{}') as ImportStepArgs;
const tableName = process.env.TABLE_NAME ?? '';
await ensureTable(process.env.DYNAMODB_ENDPOINT ?? '', tableName);

const { ddb } = await import('../functions/shared/db.ts');
const { useImportQueue } = await import('../functions/imports/queue.ts');
const { createImport, getImport } = await import('../functions/imports/store.ts');
const { newImportJob } = await import('../functions/imports/model.ts');
const { planImport } = await import('../functions/imports/planner.ts');
const { handler } = await import('../functions/imports/worker.ts');
const { objectWriter } = await import('../functions/shared/objects.ts');
const { importUploadKey } = await import('../functions/shared/storage-keys.ts');
type ImportMessage = import('../functions/imports/model.ts').ImportMessage;

// What DynamoDB is asked to do: every request reports its consumed capacity (DynamoDB Local computes it
// as DynamoDB does: 2 units per KB for each item of a transaction, 1 per KB for a plain write).
let writeRequests = 0;
let itemsWritten = 0;
let writeUnits = 0;
let readRequests = 0;
let readUnits = 0;
const transactItems = (input: Record<string, unknown>) => (input.TransactItems as unknown[]).length;
const batchItems = (input: Record<string, unknown>) =>
  Object.values(input.RequestItems as Record<string, unknown[]>).reduce((sum, list) => sum + list.length, 0);
/** Write commands (by the DocumentClient's and the low-level client's names) and the items each writes. */
const WRITES: Record<string, (input: Record<string, unknown>) => number> = {
  PutCommand: () => 1,
  PutItemCommand: () => 1,
  UpdateCommand: () => 1,
  UpdateItemCommand: () => 1,
  DeleteCommand: () => 1,
  DeleteItemCommand: () => 1,
  TransactWriteCommand: transactItems,
  TransactWriteItemsCommand: transactItems,
  BatchWriteCommand: batchItems,
  BatchWriteItemCommand: batchItems,
};
const READS = new Set([
  'GetCommand',
  'GetItemCommand',
  'QueryCommand',
  'BatchGetCommand',
  'BatchGetItemCommand',
  'TransactGetCommand',
  'TransactGetItemsCommand',
]);
type Capacity = { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number };
const unitsOf = (capacity: unknown): number => {
  const entries: Capacity[] = Array.isArray(capacity) ? (capacity as Capacity[]) : capacity ? [capacity] : [];
  return entries.reduce((sum, entry) => sum + (entry.CapacityUnits ?? 0), 0);
};
ddb.middlewareStack.add(
  (next, context) => async (request) => {
    const command = context.commandName ?? '';
    const input = request.input as Record<string, unknown>;
    const write = WRITES[command];
    if (write || READS.has(command)) input.ReturnConsumedCapacity = 'TOTAL';
    try {
      const result = await next(request);
      const units = unitsOf((result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity);
      if (write) {
        writeRequests++;
        itemsWritten += write(input);
        writeUnits += units;
      } else if (READS.has(command)) {
        readRequests++;
        readUnits += units;
      }
      return result;
    } catch (error) {
      // A cancelled transaction or failed condition still consumed its writes' capacity in DynamoDB.
      if (write) {
        writeRequests++;
        writeUnits += write(input) * (command.startsWith('TransactWrite') ? 2 : 1);
      }
      throw error;
    }
  },
  { step: 'initialize', name: 'benchCapacityCounter' },
);

const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
let peakRss = 0;
let peakHeap = 0;
const sample = () => {
  const usage = process.memoryUsage();
  peakRss = Math.max(peakRss, usage.rss);
  peakHeap = Math.max(peakHeap, usage.heapUsed);
};

async function measured(step: () => Promise<number>): Promise<ImportStepResult> {
  collect();
  const baseline = process.memoryUsage().heapUsed;
  peakRss = 0;
  peakHeap = 0;
  const sampler = setInterval(sample, 10);
  const started = performance.now();
  const messages = await step();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  sample();
  collect();
  const retained = process.memoryUsage().heapUsed - baseline;
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  const job = await getImport(args.importId);
  return {
    seconds: Math.round(seconds * 100) / 100,
    peakRssMb: mb(peakRss),
    peakHeapMb: mb(peakHeap),
    stepHeapMb: mb(peakHeap - baseline),
    retainedHeapMb: mb(retained),
    writeRequests,
    itemsWritten,
    writeUnits: Math.round(writeUnits * 10) / 10,
    readRequests,
    readUnits: Math.round(readUnits * 10) / 10,
    messages,
    failedMessages,
    ...(job ? { job: job as unknown as Record<string, unknown> } : {}),
  };
}

async function upload(): Promise<number> {
  await createImport(
    newImportJob({
      id: args.importId,
      fileName: 'bench.csv',
      format: 'csv',
      label: 'Bench',
      createdBy: 'bench-operator',
    }),
  );
  const writer = objectWriter(importUploadKey(args.importId, 'csv'), 'text/csv');
  for await (const piece of createReadStream(args.file)) await writer.write(piece as Buffer);
  await writer.close();
  return 0;
}

/** The planner, its queue a file: each `send` appends the messages (as SQS would hold them). */
async function plan(): Promise<number> {
  let messages = 0;
  useImportQueue({
    send: async (batch) => {
      messages += batch.length;
      await appendFile(args.queueFile, batch.map((message) => `${JSON.stringify(message)}\n`).join(''));
    },
  });
  await planImport(args.importId, 'csv');
  return messages;
}

/**
 * The workers: `concurrency` invocations at once, each given the next `batchSize` messages as an SQS event
 * (as Lambda's event source mapping does), failed items delivered again up to the queue's 5 receives, then
 * counted as dead letters (`failedMessages`). Messages the workers queue (the report) join the end of the queue.
 */
/** Receives of a message before its queue moves it to the dead-letter queue (lib/workers.ts). */
const MAX_RECEIVES = 5;
let failedMessages = 0;

async function work(): Promise<number> {
  const concurrency = args.concurrency ?? 4;
  const batchSize = args.batchSize ?? 1;
  const later: string[] = [];
  const receives = new Map<string, number>();
  useImportQueue({
    send: (batch) => {
      later.push(...batch.map((message: ImportMessage) => JSON.stringify(message)));
      return Promise.resolve();
    },
  });
  const lines = createInterface({ input: createReadStream(args.queueFile) })[Symbol.asyncIterator]();
  let id = 0;
  let delivered = 0;
  const take = async (): Promise<string[]> => {
    const batch: string[] = [];
    while (batch.length < batchSize) {
      const next = await lines.next();
      if (next.done) {
        const queued = later.shift();
        if (!queued) break;
        batch.push(queued);
      } else if (next.value.trim() !== '') batch.push(next.value);
    }
    return batch;
  };
  let reading = Promise.resolve<string[]>([]);
  /** One batch at a time off the shared line reader (the reader is not safe to call concurrently). */
  const nextBatch = () => (reading = reading.then(take));
  const invoke = async (bodies: string[]) => {
    const messages = bodies.map((body) => ({ id: `m${++id}`, body, receives: receives.get(body) ?? 0 }));
    const failed = await receiveSqsBatch('import-work', messages, handler);
    delivered += bodies.length - failed.size;
    for (const message of messages) {
      receives.delete(message.body);
      if (!failed.has(message.id)) continue;
      receives.set(message.body, message.receives); // only the failed ones: a chunk's body is ~60 KB
      if (message.receives < MAX_RECEIVES) later.push(message.body);
      else failedMessages++;
    }
  };
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let batch = await nextBatch(); batch.length > 0; batch = await nextBatch()) await invoke(batch);
    }),
  );
  // The report message is queued by the last chunk's commit, possibly after the other loops ended.
  for (let body = later.shift(); body; body = later.shift()) await invoke([body]);
  return delivered;
}

const step = { upload, plan, work }[args.step];
process.send?.(await measured(step));
