/**
 * Child process of `bench/exports.ts`, one step per process so that the export's memory is its own:
 * - `seed` writes businesses `from`…`to - 1` to DynamoDB Local with BatchWriteItem, as the items the
 *   product writes (`toItem` of records built by `newImportedBusiness` and `newBusiness`, four imported to
 *   one registered, every other registered one verified): no counters or guards, which the export never
 *   reads. Not timed.
 * - `export` asks the real route (`GET /businesses/export`) for the export, then runs the real export
 *   worker handler as Lambda would: the job's stream record, then each queued leg as an SQS event with
 *   the worker row's timeout, until nothing is queued. The process's memory is sampled from a baseline
 *   taken after the route answered (in AWS the route is another function); DynamoDB and S3 requests are
 *   counted, and the worker's CPU time split at the job's turn to `assembling`.
 * Reports over IPC.
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { ensureTable } from '../lib/local/dynamodb.ts';
import { sqsEvent } from '../lib/local/lambda-event.ts';

export interface ExportStepArgs {
  step: 'seed' | 'export';
  /** Seed: the businesses' sequence numbers written, `from` up to (not including) `to`. */
  from?: number;
  to?: number;
  /** Export: the file asked for, with or without identity data. */
  format?: 'csv' | 'xlsx';
  identity?: boolean;
}

export interface SeedResult {
  written: number;
  seconds: number;
  /** Mean size of an item as JSON (bytes): near what DynamoDB bills for it. */
  itemBytes: number;
}

export interface ExportResult {
  exportId: string;
  /** The route's answer (202 for a job) and its own time, before the worker's. */
  routeStatus: number;
  routeSeconds: number;
  /** From the job's stream record to the last leg's end, and its two phases. */
  seconds: number;
  collectSeconds: number;
  assembleSeconds: number;
  /** The worker's CPU time (user + system) in each phase. */
  collectCpuSeconds: number;
  assembleCpuSeconds: number;
  state: string;
  rows: number;
  /** Rows counted in the file read back from S3 (CSV; -1 for XLSX, which is checked by size). */
  rowsInFile: number;
  legs: number;
  chunks: number;
  bytes: number;
  /** The object's size as S3 reports it. */
  objectBytes: number;
  /** DynamoDB requests of the worker: Query pages and the items they returned, writes, items batch-written. */
  queries: number;
  itemsRead: number;
  updates: number;
  batchWrites: number;
  itemsBatchWritten: number;
  /** Requests to S3 by operation. */
  s3: Record<string, number>;
  /** Peak RSS and heap of the process during the worker's run, and both above the baseline before it (MB). */
  peakRssMb: number;
  peakHeapMb: number;
  rssAboveBaselineMb: number;
  heapAboveBaselineMb: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as ExportStepArgs;
const endpoint = process.env.DYNAMODB_ENDPOINT ?? '';
const tableName = process.env.TABLE_NAME ?? '';
await ensureTable(endpoint, tableName);

const { ddb } = await import('../functions/shared/db.ts');

async function seed(): Promise<SeedResult> {
  const { BatchWriteCommand } = await import('@aws-sdk/lib-dynamodb');
  const { benchBusiness } = await import('./export-businesses.ts');
  const { toItem } = await import('../functions/businesses/store.ts');
  const from = args.from ?? 0;
  const to = args.to ?? 0;
  const started = performance.now();
  let itemBytes = 0;
  const BATCH = 25;
  const IN_FLIGHT = 8;
  let next = from;
  const writer = async () => {
    while (next < to) {
      const start = next;
      next = Math.min(to, next + BATCH);
      let requests = Array.from({ length: next - start }, (_, offset) => {
        const item = toItem(benchBusiness(start + offset));
        itemBytes += Buffer.byteLength(JSON.stringify(item));
        return { PutRequest: { Item: item } };
      });
      while (requests.length > 0) {
        const { UnprocessedItems } = await ddb.send(
          new BatchWriteCommand({ RequestItems: { [tableName]: requests } }),
        );
        requests = (UnprocessedItems?.[tableName] ?? []) as typeof requests;
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, writer));
  const written = to - from;
  return {
    written,
    seconds: Math.round((performance.now() - started) / 10) / 100,
    itemBytes: written > 0 ? Math.round(itemBytes / written) : 0,
  };
}

async function runExport(): Promise<ExportResult> {
  const counts = { queries: 0, itemsRead: 0, updates: 0, batchWrites: 0, itemsBatchWritten: 0 };
  let assemblingAt: { ms: number; cpu: NodeJS.CpuUsage } | undefined;
  let counting = false;
  ddb.middlewareStack.add(
    (next, context) => async (request) => {
      const input = request.input as Record<string, unknown>;
      // The low-level command's name (UpdateItemCommand for the DocumentClient's UpdateCommand); values
      // marshalled or not, depending on where in the step the DocumentClient's marshalling runs.
      const command = (context.commandName ?? '').replace(/^(Update|BatchWrite)(Item)?Command$/, '$1');
      const state = (input.ExpressionAttributeValues as Record<string, unknown> | undefined)?.[':state'];
      if (command === 'Update' && (state === 'assembling' || (state as { S?: string })?.S === 'assembling'))
        assemblingAt = { ms: performance.now(), cpu: process.cpuUsage() };
      const result = await next(request);
      if (!counting) return result;
      if (command === 'QueryCommand') {
        counts.queries++;
        counts.itemsRead += (result.output as { Count?: number }).Count ?? 0;
      } else if (command === 'Update') counts.updates++;
      else if (command === 'BatchWrite') {
        counts.batchWrites++;
        counts.itemsBatchWritten += Object.values(input.RequestItems as Record<string, unknown[]>).reduce(
          (sum, list) => sum + list.length,
          0,
        );
      }
      return result;
    },
    { step: 'initialize', name: 'benchExportCounter' },
  );
  // The worker's S3 requests (plain fetch, signed): counted by operation.
  const s3: Record<string, number> = {};
  const fetched = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    if (counting) {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const method = init?.method ?? 'GET';
      const operation = url.searchParams.has('partNumber')
        ? 'UploadPart'
        : url.searchParams.has('uploads')
          ? 'CreateMultipartUpload'
          : url.searchParams.has('uploadId')
            ? `${method === 'DELETE' ? 'Abort' : 'Complete'}MultipartUpload`
            : ({ GET: 'GetObject', PUT: 'PutObject', DELETE: 'DeleteObject', HEAD: 'HeadObject' }[method] ??
              method);
      s3[operation] = (s3[operation] ?? 0) + 1;
    }
    return fetched(input, init);
  };

  const { httpApiEvent, lambdaContext } = await import('../lib/local/lambda-event.ts');
  const route = await import('../functions/businesses/export-businesses.ts');
  const worker = await import('../functions/businesses/export-worker.ts');
  const { useExportQueue } = await import('../functions/businesses/export-queue.ts');
  const { findExportJob } = await import('../functions/businesses/export-store.ts');
  const { objectSize, readObject } = await import('../functions/shared/objects.ts');
  const { exportKey, exportJobKey } = await Promise.all([
    import('../functions/shared/storage-keys.ts'),
    import('../functions/shared/keys.ts'),
  ]).then(([storage, keys]) => ({ exportKey: storage.exportKey, exportJobKey: keys.exportJobKey }));
  const { GetCommand } = await import('@aws-sdk/lib-dynamodb');
  const { businessExport } = await import('../functions/workers.ts');
  const format = args.format ?? 'csv';

  // The operator's request, as API Gateway hands it to the route's function.
  const routeStarted = performance.now();
  const url = new URL(
    `http://localhost/businesses/export?format=${format}${args.identity ? '&identity=true' : ''}`,
  );
  const answer = await route.handler(
    httpApiEvent({
      method: 'GET',
      url,
      headers: { origin: 'https://umkm.bekasikota.go.id' },
      body: Buffer.alloc(0),
      routeKey: 'GET /businesses/export',
      claims: { sub: 'bench-operator', 'cognito:groups': '[operators]' },
      sourceIp: '127.0.0.1',
    }),
    lambdaContext('exportBusinesses', 30_000),
  );
  const routeSeconds = (performance.now() - routeStarted) / 1000;
  const routeStatus = typeof answer === 'object' ? (answer.statusCode ?? 0) : 0;
  const exportId = (JSON.parse(typeof answer === 'object' ? (answer.body ?? '{}') : '{}') as { id?: string })
    .id;
  if (routeStatus !== 202 || !exportId) throw new Error(`the route answered ${routeStatus}, not a job`);

  // The job's stream record, as DynamoDB Streams hands it to the worker (its filter lets it through).
  const { Item } = await ddb.send(
    new GetCommand({ TableName: tableName, Key: exportJobKey(exportId), ConsistentRead: true }),
  );
  const streamEvent = {
    Records: [
      {
        eventID: '1',
        eventName: 'INSERT',
        eventSource: 'aws:dynamodb',
        dynamodb: {
          NewImage: marshall(Item ?? {}, { removeUndefinedValues: true }),
          SequenceNumber: '1',
        },
      },
    ],
  } as unknown as DynamoDBStreamEvent;
  const queued: { body: string; receives: number }[] = [];
  useExportQueue({
    send: (messages) => {
      for (const message of messages) queued.push({ body: JSON.stringify(message), receives: 0 });
      return Promise.resolve();
    },
  });

  const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
  collect();
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  const sample = () => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  const sampler = setInterval(sample, 10);
  counting = true;
  const started = { ms: performance.now(), cpu: process.cpuUsage() };
  await worker.handler(streamEvent);
  // One leg at a time (the lease allows no other), each a fresh invocation with the row's timeout.
  for (let message = queued.shift(), id = 0; message; message = queued.shift()) {
    message.receives++;
    const event = sqsEvent('export-run', [{ ...message, id: `m${++id}` }]);
    const context = lambdaContext(businessExport.id, Number(businessExport.timeoutSeconds) * 1000);
    const { batchItemFailures } = await worker.handler(event, context);
    if (batchItemFailures.length > 0) queued.push(message);
  }
  const ended = { ms: performance.now(), cpu: process.cpuUsage() };
  counting = false;
  clearInterval(sampler);
  sample();

  const cpuSeconds = (from: NodeJS.CpuUsage, to: NodeJS.CpuUsage) =>
    (to.user - from.user + to.system - from.system) / 1e6;
  const turn = assemblingAt ?? ended;
  const job = await findExportJob(exportId);
  const key = exportKey(exportId, format);
  const objectBytes = (await objectSize(key)) ?? 0;
  let rowsInFile = -1;
  if (format === 'csv' && objectBytes > 0) {
    let breaks = 0;
    for await (const piece of await readObject(key))
      for (const byte of piece as Buffer) if (byte === 0x0a) breaks++;
    rowsInFile = breaks - 1;
  }
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  const r2 = (value: number) => Math.round(value * 100) / 100;
  return {
    exportId,
    routeStatus,
    routeSeconds: r2(routeSeconds),
    seconds: r2((ended.ms - started.ms) / 1000),
    collectSeconds: r2((turn.ms - started.ms) / 1000),
    assembleSeconds: r2((ended.ms - turn.ms) / 1000),
    collectCpuSeconds: r2(cpuSeconds(started.cpu, turn.cpu)),
    assembleCpuSeconds: r2(cpuSeconds(turn.cpu, ended.cpu)),
    state: job?.state ?? 'missing',
    rows: job?.rows ?? 0,
    rowsInFile,
    legs: job?.legs ?? 0,
    chunks: job?.chunks ?? 0,
    bytes: job?.bytes ?? 0,
    objectBytes,
    ...counts,
    s3,
    peakRssMb: mb(peakRss),
    peakHeapMb: mb(peakHeap),
    rssAboveBaselineMb: mb(peakRss - baseline.rss),
    heapAboveBaselineMb: mb(peakHeap - baseline.heapUsed),
  };
}

process.send?.(args.step === 'seed' ? await seed() : await runExport());
