import { routes } from '../../functions/routes.ts';
import { STORAGE_PREFIXES, type StoragePrefix } from '../../functions/shared/storage-keys.ts';
import type { WorkerDef } from '../../functions/shared/worker.ts';
import { workers } from '../../functions/workers.ts';
import type { CognitoPlan, Inventory } from './inventory.ts';
import type { PriceTable } from './prices.ts';
import { DIGESTS_PER_MONTH, type UsageProfile } from './profiles.ts';

/**
 * Per-unit assumptions the model makes beyond the profile. Each is an estimate from the code and the
 * bench, not a measurement in AWS; replace one with CloudWatch's figure once the stack runs.
 */
export const ASSUMPTIONS = {
  /** Billed duration of an API invocation (warm ~20–40 ms in the bench, plus the share of billed inits). */
  apiBilledMs: 60,
  /** Request units per reading request (a Get or one Query page) and per writing one (a transaction). */
  readRequest: { reads: 2, writes: 0 },
  writeRequest: { reads: 1, writes: 6 },
  /** CloudWatch Logs bytes per invocation (platform START/REPORT lines and one JSON line) and per access log line. */
  logBytesPerInvocation: 900,
  accessLogBytesPerRequest: 300,
  /** Digest: billed ms per batch of 50 recipients (one SendBulkEmail) and per recipient planned. */
  senderMsPerBatch: 1_500,
  plannerMsPerRecipient: 2,
  recipientsPerBatch: 50,
  /** Request units per digest recipient (planning reads) and per batch (claims and records the batch). */
  digestReadsPerRecipient: 1,
  digestWritesPerBatch: 3,
  /** SQS requests per message (send, receive, delete) and per idle poller a month (long polls, 5 pollers). */
  sqsRequestsPerMessage: 3,
  sqsIdleRequestsPerPoller: 5 * 3 * 60 * 24 * 30.4,
  /** Outbox mailer: billed ms per confirmation mail; writes per import row (item, guard, counters). */
  mailerMsPerMail: 300,
  writesPerImportedRow: 4,
  /** Table size per business (item, NIB guard, index copies, counters) and per subscriber, bytes. */
  bytesPerBusiness: 4_000,
  bytesPerSubscriber: 1_500,
  /** Secrets Manager calls: the extension's cache answers most; one call per 20 invocations of a reader. */
  secretCallsPerInvocation: 0.05,
  /** Months a log group (or an S3 prefix) keeps data when it never expires (two years of steady state). */
  foreverMonths: 24,
  /**
   * Import (functions/imports/): rows per chunk (one queue message, one worker invocation), billed ms per
   * row for the planner that parses and checks the file and for the worker that writes the chunk's rows.
   */
  importChunkRows: 200,
  importPlannerMsPerRow: 1,
  importWorkerMsPerRow: 15,
  /** Registry export: billed ms per row streamed to S3, and request units read per row. */
  exportMsPerRow: 0.5,
  exportReadsPerRow: 1,
  /** Bytes per row of an uploaded spreadsheet, of its report, and of an export (CSV). */
  importUploadBytesPerRow: 250,
  importReportBytesPerRow: 150,
  importWorkBytesPerRow: 150,
  exportBytesPerRow: 400,
  /** A multipart part for S3 uploads the functions write (exports, reports). */
  multipartPartBytes: 8 * 1024 ** 2,
  /** Poster bytes as uploaded and as served (at most 1 MiB: poster-rules.ts). */
  posterBytes: 400 * 1024,
  /** Downloads of each import report (the Dinas reviews it, and once more after fixing rows). */
  reportDownloads: 2,
  /** One S3 server access log record per request, bytes. */
  accessLogRecordBytes: 350,
  /** Bytes of an API answer or page on the wire (compressed JSON, HTML pages, calendar feeds). */
  apiResponseBytes: 6 * 1024,
  /** Billed ms of an asynchronous function no rule here describes, per invocation. */
  otherWorkerMs: 200,
} as const;

export interface LineItem {
  service: string;
  item: string;
  quantity: string;
  usd: number;
}

const million = 1_000_000;
const GB = 1024 ** 3;
const money = (value: number) => Math.max(0, value);

/** How a worker row is used in a month, from what it is woken by and what it touches. */
interface Workload {
  invocations: number;
  billedMs: number;
  reads: number;
  writes: number;
  /** Messages it consumes from SQS (each a send, a receive and a delete). */
  sqsMessages: number;
  /** It writes the imported rows (else the model bills their writes by themselves). */
  writesImportedRows?: boolean;
}

const chunksOf = (profile: UsageProfile) =>
  Math.ceil(profile.importedRowsPerMonth / ASSUMPTIONS.importChunkRows);

/**
 * A worker's month. The digest and mail workers are described by id; any other row by what it touches:
 * a worker on the import prefixes is the planner when an upload wakes it and the row worker when a queue
 * does; one on `exports/` writes the month's exports; one on the poster prefixes handles each poster. So a
 * worker row added to `functions/workers.ts` is billed as soon as the stack builds it.
 */
export function workloadOf(worker: WorkerDef, profile: UsageProfile): Workload {
  const recipients = profile.subscribers * DIGESTS_PER_MONTH;
  const batches = recipients / ASSUMPTIONS.recipientsPerBatch;
  const none = { reads: 0, writes: 0, sqsMessages: 0 };
  const plannerShards = DIGESTS_PER_MONTH * 17;
  switch (worker.id) {
    case 'digestSender':
      return {
        ...none,
        invocations: batches,
        billedMs: ASSUMPTIONS.senderMsPerBatch,
        writes: batches * ASSUMPTIONS.digestWritesPerBatch,
        sqsMessages: batches,
      };
    case 'digestPlanner':
      return {
        ...none,
        invocations: plannerShards,
        billedMs: (recipients * ASSUMPTIONS.plannerMsPerRecipient) / plannerShards,
        reads: recipients * ASSUMPTIONS.digestReadsPerRecipient,
        sqsMessages: plannerShards,
      };
    case 'mailer':
      return {
        ...none,
        invocations: profile.newSubscribersPerMonth + profile.otherMailsPerMonth,
        billedMs: ASSUMPTIONS.mailerMsPerMail,
      };
    case 'digestFeedback':
      // One event per bounce or complaint: about 2 % of the mails.
      return { ...none, invocations: recipients * 0.02, billedMs: ASSUMPTIONS.otherWorkerMs };
    case 'subscriptionKeyRotation':
      return { ...none, invocations: 1 / 12, billedMs: ASSUMPTIONS.otherWorkerMs };
  }
  const prefixes = new Set<StoragePrefix>([
    ...worker.triggers.flatMap((trigger) => (trigger.kind === 's3-object-created' ? [trigger.prefix] : [])),
    ...(worker.grants ?? []).flatMap((grant) => (grant.kind === 'storage' ? [grant.prefix] : [])),
  ]);
  const woken = (kind: WorkerDef['triggers'][number]['kind']) =>
    worker.triggers.some((trigger) => trigger.kind === kind);
  const touches = (...names: StoragePrefix[]) => names.some((name) => prefixes.has(name));
  if (touches('importUploads', 'importWork', 'importReports')) {
    const rows = profile.importedRowsPerMonth;
    // The planner is the one an upload wakes (its own queue only carries its continuations).
    if (!woken('s3-object-created') && woken('sqs'))
      return {
        invocations: chunksOf(profile),
        billedMs: ASSUMPTIONS.importChunkRows * ASSUMPTIONS.importWorkerMsPerRow,
        reads: rows,
        writes: rows * ASSUMPTIONS.writesPerImportedRow,
        sqsMessages: chunksOf(profile),
        writesImportedRows: true,
      };
    return {
      ...none,
      invocations: profile.importFilesPerMonth,
      billedMs: (rows / Math.max(profile.importFilesPerMonth, 1)) * ASSUMPTIONS.importPlannerMsPerRow,
      // A checkpoint per chunk and the job's own item.
      writes: chunksOf(profile) + profile.importFilesPerMonth,
    };
  }
  if (touches('exports')) {
    const rows = profile.exportsPerMonth * profile.exportRows;
    return {
      ...none,
      invocations: profile.exportsPerMonth,
      billedMs: profile.exportRows * ASSUMPTIONS.exportMsPerRow,
      reads: rows * ASSUMPTIONS.exportReadsPerRow,
      writes: profile.exportsPerMonth,
      sqsMessages: woken('sqs') ? profile.exportsPerMonth : 0,
    };
  }
  if (touches('posterUploads', 'posters'))
    return { ...none, invocations: profile.postersPerMonth, billedMs: ASSUMPTIONS.otherWorkerMs };
  // Anything else: a small share of the mails' volume, each invocation short.
  return {
    ...none,
    invocations: (profile.newSubscribersPerMonth + profile.otherMailsPerMonth) * 0.02,
    billedMs: ASSUMPTIONS.otherWorkerMs,
    sqsMessages: 0,
  };
}

/** Invocations a month and billed GB-seconds of each function the inventory lists. */
function functionUsage(inventory: Inventory, profile: UsageProfile) {
  const routeByHandler = new Map(routes.map((route) => [route.handler, route]));
  const workerByHandler = new Map(workers.map((worker) => [worker.handler, worker]));
  const named = new Set(Object.keys(profile.routeMix));
  const unnamed = routes.filter((route) => !named.has(route.id)).length;
  const namedShare = Object.values(profile.routeMix).reduce((sum, share) => sum + share, 0);

  return inventory.functions.map((fn) => {
    const route = fn.handler === undefined ? undefined : routeByHandler.get(fn.handler);
    const worker = fn.handler === undefined ? undefined : workerByHandler.get(fn.handler);
    let workload: Workload;
    if (route) {
      const share = profile.routeMix[route.id] ?? (unnamed > 0 ? (1 - namedShare) / unnamed : 0);
      const invocations = profile.apiRequestsPerMonth * share;
      const perRequest = route.method === 'GET' ? ASSUMPTIONS.readRequest : ASSUMPTIONS.writeRequest;
      workload = {
        invocations,
        billedMs: ASSUMPTIONS.apiBilledMs,
        reads: invocations * perRequest.reads,
        writes: invocations * perRequest.writes,
        sqsMessages: 0,
      };
    } else if (worker) {
      workload = workloadOf(worker, profile);
    } else {
      // The `$default` function (unknown paths) and anything without a manifest row.
      workload = {
        invocations: profile.apiRequestsPerMonth * 0.01,
        billedMs: ASSUMPTIONS.apiBilledMs,
        reads: 0,
        writes: 0,
        sqsMessages: 0,
      };
    }
    return {
      ...fn,
      ...workload,
      gbSeconds: workload.invocations * (workload.billedMs / 1000) * (fn.memoryMb / 1024),
      readsSecret:
        route?.subscriptionSecret === true ||
        route?.identitySecret === true ||
        (worker?.grants ?? []).some((grant) => grant.kind === 'secret-read'),
    };
  });
}

/** Objects written a month under each prefix of the files bucket, their size, and the requests on them. */
export function objectFlows(profile: UsageProfile) {
  const files = Math.max(profile.importFilesPerMonth, 1);
  const rowsPerFile = profile.importedRowsPerMonth / files;
  const parts = (bytes: number) => Math.max(1, Math.ceil(bytes / ASSUMPTIONS.multipartPartBytes)) + 1;
  const exportBytes = profile.exportRows * ASSUMPTIONS.exportBytesPerRow;
  const flows: Record<
    StoragePrefix,
    { objects: number; bytes: number; putsEach: number; getsEach: number; servedOut?: boolean }
  > = {
    importUploads: {
      objects: profile.importFilesPerMonth,
      bytes: rowsPerFile * ASSUMPTIONS.importUploadBytesPerRow,
      putsEach: 1,
      getsEach: 1,
    },
    importWork: {
      objects: chunksOf(profile),
      bytes: ASSUMPTIONS.importChunkRows * ASSUMPTIONS.importWorkBytesPerRow,
      putsEach: 1,
      getsEach: 1,
    },
    importReports: {
      objects: profile.importFilesPerMonth,
      bytes: rowsPerFile * ASSUMPTIONS.importReportBytesPerRow,
      putsEach: parts(rowsPerFile * ASSUMPTIONS.importReportBytesPerRow),
      getsEach: ASSUMPTIONS.reportDownloads,
    },
    posterUploads: {
      objects: profile.postersPerMonth,
      bytes: ASSUMPTIONS.posterBytes,
      putsEach: 1,
      getsEach: 2,
    },
    posters: {
      objects: profile.postersPerMonth,
      bytes: ASSUMPTIONS.posterBytes,
      putsEach: 1,
      getsEach: profile.posterViewsPerMonth / Math.max(profile.postersPerMonth, 1),
      servedOut: true,
    },
    exports: {
      objects: profile.exportsPerMonth,
      bytes: exportBytes,
      putsEach: parts(exportBytes),
      getsEach: 1,
      servedOut: true,
    },
  };
  return flows;
}

/** The monthly bill of one profile on one inventory, line by line. */
export function monthlyCost(inventory: Inventory, profile: UsageProfile, prices: PriceTable): LineItem[] {
  const usage = functionUsage(inventory, profile);
  const items: LineItem[] = [];
  const add = (service: string, item: string, quantity: string, usd: number) =>
    items.push({ service, item, quantity, usd: money(usd) });
  const fmt = (value: number) => Math.round(value).toLocaleString('en-US');

  // Lambda
  const invocations = usage.reduce((sum, fn) => sum + fn.invocations, 0);
  const gbSeconds = usage.reduce((sum, fn) => sum + fn.gbSeconds, 0);
  add(
    'Lambda',
    `requests (${inventory.functions.length} functions)`,
    fmt(invocations),
    ((invocations - prices.lambdaFreeRequests.usd) / million) * prices.lambdaRequests.usd,
  );
  add(
    'Lambda',
    'duration (arm64)',
    `${fmt(gbSeconds)} GB-s`,
    (gbSeconds - prices.lambdaFreeGbSeconds.usd) * prices.lambdaArmGbSecond.usd,
  );

  // API Gateway
  const apiRequests = profile.apiRequestsPerMonth * inventory.httpApis;
  add(
    'API Gateway',
    'HTTP API requests',
    fmt(apiRequests),
    (apiRequests / million) * prices.httpApiRequests.usd,
  );

  // DynamoDB
  // Imported rows are written by the import worker when the stack has one; else count their writes alone.
  const importWrites = usage.some((fn) => fn.writesImportedRows)
    ? 0
    : profile.importedRowsPerMonth * ASSUMPTIONS.writesPerImportedRow;
  const reads = usage.reduce((sum, fn) => sum + fn.reads, 0);
  const writes = usage.reduce((sum, fn) => sum + fn.writes, 0) + importWrites;
  add('DynamoDB', 'read request units', fmt(reads), (reads / million) * prices.dynamoRead.usd);
  add('DynamoDB', 'write request units', fmt(writes), (writes / million) * prices.dynamoWrite.usd);
  const storageGb =
    (profile.businesses * ASSUMPTIONS.bytesPerBusiness +
      profile.subscribers * ASSUMPTIONS.bytesPerSubscriber) /
    GB;
  add(
    'DynamoDB',
    'storage',
    `${storageGb.toFixed(2)} GB`,
    (storageGb - prices.dynamoFreeStorageGb.usd) * prices.dynamoStorage.usd * inventory.tables.length,
  );
  const pitrTables = inventory.tables.filter((table) => table.pointInTimeRecovery).length;
  add(
    'DynamoDB',
    `point-in-time recovery (${pitrTables} table)`,
    `${storageGb.toFixed(2)} GB`,
    storageGb * prices.dynamoPitr.usd * pitrTables,
  );

  // Cognito
  const mau = profile.ownersActivePerMonth + profile.operators;
  for (const pool of inventory.userPools) {
    add('Cognito', `monthly active users (${pool.plan})`, fmt(mau), cognitoCost(pool.plan, mau, prices));
  }

  // SES
  const mails =
    profile.subscribers * DIGESTS_PER_MONTH + profile.newSubscribersPerMonth + profile.otherMailsPerMonth;
  add(
    'SES',
    'outbound mails (digest, confirmations, codes)',
    fmt(mails),
    (mails / 1000) * prices.sesMessages.usd,
  );

  if (inventory.sesDedicatedIpPools > 0)
    add(
      'SES',
      `dedicated IP pools (${inventory.sesDedicatedIpPools}, one leased IP each)`,
      fmt(inventory.sesDedicatedIpPools),
      inventory.sesDedicatedIpPools * prices.sesDedicatedIp.usd,
    );

  // CloudWatch
  const ingestGb =
    (invocations * ASSUMPTIONS.logBytesPerInvocation + apiRequests * ASSUMPTIONS.accessLogBytesPerRequest) /
    GB;
  add(
    'CloudWatch',
    'log ingestion',
    `${ingestGb.toFixed(2)} GB`,
    (ingestGb - prices.logsFreeGb.usd) * prices.logsIngestion.usd,
  );
  const months = (days: number | undefined) => (days === undefined ? ASSUMPTIONS.foreverMonths : days / 30.4);
  const groups = Math.max(inventory.logGroups.length, 1);
  // Every group is assumed to get an equal share of the volume; storage is the retained months of it.
  const storedGb = inventory.logGroups.reduce(
    (sum, group) => sum + (ingestGb / groups) * months(group.retentionDays),
    0,
  );
  add(
    'CloudWatch',
    `log storage (${inventory.logGroups.length} groups)`,
    `${storedGb.toFixed(2)} GB`,
    storedGb * prices.logsStorage.usd,
  );
  add(
    'CloudWatch',
    'alarms',
    fmt(inventory.alarms),
    (inventory.alarms - prices.alarmFree.usd) * prices.alarm.usd,
  );
  add(
    'CloudWatch',
    'dashboards',
    fmt(inventory.dashboards),
    (inventory.dashboards - prices.dashboardFree.usd) * prices.dashboard.usd,
  );

  // SQS
  const sqsRequests =
    usage.reduce((sum, fn) => sum + fn.sqsMessages, 0) * ASSUMPTIONS.sqsRequestsPerMessage +
    inventory.queuePollers * ASSUMPTIONS.sqsIdleRequestsPerPoller;
  add(
    'SQS',
    `requests (${inventory.queues} queues, ${inventory.queuePollers} polled)`,
    fmt(sqsRequests),
    ((sqsRequests - prices.sqsFreeRequests.usd) / million) * prices.sqsRequests.usd,
  );

  // Secrets Manager
  const secretCalls =
    usage.filter((fn) => fn.readsSecret).reduce((sum, fn) => sum + fn.invocations, 0) *
    ASSUMPTIONS.secretCallsPerInvocation;
  add(
    'Secrets Manager',
    `secrets (${inventory.secrets}) and calls`,
    fmt(secretCalls),
    inventory.secrets * prices.secret.usd + (secretCalls / 10_000) * prices.secretCalls.usd,
  );

  const objectsOutGb = s3Cost(inventory, profile, prices, add);
  const apiOutGb = (apiRequests * ASSUMPTIONS.apiResponseBytes) / GB;
  add(
    'Data transfer',
    'out to the internet (API answers, pages, posters and exports from S3)',
    `${(apiOutGb + objectsOutGb).toFixed(1)} GB`,
    (apiOutGb + objectsOutGb - prices.transferOutFreeGb.usd) * prices.transferOut.usd,
  );

  // EventBridge Scheduler: a handful of runs a month, inside the 14 million free.
  add('Scheduler', `schedules (${inventory.schedules})`, fmt(inventory.schedules * DIGESTS_PER_MONTH), 0);
  return items;
}

/**
 * S3: the files bucket's storage by prefix (what a month writes there, kept as long as the bucket's
 * lifecycle rule for the prefix says, read from the stack), its PUT and GET requests, the access-log
 * bucket's records, KMS when a bucket encrypts with it, and the bytes served out to browsers (posters,
 * exports) beyond the free 100 GB. Lifecycle expirations are free.
 */
function s3Cost(
  inventory: Inventory,
  profile: UsageProfile,
  prices: PriceTable,
  add: (service: string, item: string, quantity: string, usd: number) => void,
): number {
  const files = inventory.buckets.find((bucket) =>
    bucket.expiries.some((rule) => Object.values(STORAGE_PREFIXES).includes(rule.prefix as never)),
  );
  if (!files) return 0;
  const flows = objectFlows(profile);
  let puts = 0;
  let gets = 0;
  let outGb = 0;
  for (const [name, flow] of Object.entries(flows) as [StoragePrefix, (typeof flows)[StoragePrefix]][]) {
    const prefix = STORAGE_PREFIXES[name];
    const rule = files.expiries.find((candidate) => prefix.startsWith(candidate.prefix));
    const months = rule === undefined ? ASSUMPTIONS.foreverMonths : rule.days / 30.4;
    const gb = (flow.objects * flow.bytes * months) / GB;
    add(
      'S3',
      `storage ${prefix} (${rule === undefined ? `kept: ${ASSUMPTIONS.foreverMonths} months' worth` : `expires after ${rule.days} d`})`,
      `${gb < 0.01 ? '<0.01' : gb.toFixed(2)} GB`,
      gb * prices.s3Storage.usd,
    );
    puts += flow.objects * flow.putsEach;
    gets += flow.objects * flow.getsEach;
    if (flow.servedOut) outGb += (flow.objects * flow.getsEach * flow.bytes) / GB;
  }
  add(
    'S3',
    'PUT/COPY/POST requests',
    Math.round(puts).toLocaleString('en-US'),
    (puts / 1000) * prices.s3Puts.usd,
  );
  add('S3', 'GET requests', Math.round(gets).toLocaleString('en-US'), (gets / 1000) * prices.s3Gets.usd);
  const expiring = files.expiries.filter((rule) => rule.prefix !== '').length;
  add('S3', `lifecycle expirations (${expiring} prefixes)`, 'free', 0);
  const logBucket = inventory.buckets.find((bucket) => bucket.receivesAccessLogs);
  if (logBucket) {
    const days = logBucket.expiries.find((rule) => rule.prefix === '')?.days;
    const months = days === undefined ? ASSUMPTIONS.foreverMonths : days / 30.4;
    const logGb = ((puts + gets) * ASSUMPTIONS.accessLogRecordBytes * months) / GB;
    add(
      'S3',
      `access-log records (kept ${days ?? 'forever'} days)`,
      `${logGb.toFixed(2)} GB`,
      logGb * prices.s3Storage.usd,
    );
  }
  const kmsBuckets = inventory.buckets.filter((bucket) => bucket.encryption.startsWith('aws:kms')).length;
  if (kmsBuckets > 0 || inventory.kmsKeys > 0) {
    // Without an S3 Bucket Key every object PUT and GET on a KMS-encrypted bucket is one KMS request.
    const requests = kmsBuckets > 0 ? puts + gets : 0;
    add(
      'KMS',
      `customer managed keys (${inventory.kmsKeys}) and requests of ${kmsBuckets} bucket(s) on KMS`,
      Math.round(requests).toLocaleString('en-US'),
      inventory.kmsKeys * prices.kmsKey.usd +
        (Math.max(0, requests - prices.kmsFreeRequests.usd) / 10_000) * prices.kmsRequests.usd,
    );
  }
  return outGb;
}

export function cognitoCost(plan: CognitoPlan, mau: number, prices: PriceTable): number {
  if (plan === 'PLUS') return mau * prices.cognitoPlusMau.usd;
  const billable = Math.max(0, mau - prices.cognitoFreeMau.usd);
  if (plan === 'ESSENTIALS') return billable * prices.cognitoEssentialsMau.usd;
  const firstTier = Math.min(billable, 100_000 - prices.cognitoFreeMau.usd);
  return firstTier * prices.cognitoLiteMau.usd + (billable - firstTier) * prices.cognitoLiteMauOver100k.usd;
}

export const total = (items: readonly LineItem[]) => items.reduce((sum, item) => sum + item.usd, 0);

/** The choices the issue names, each as a change to the synthesized inventory. */
export const CHOICES: readonly { name: string; apply: (inventory: Inventory) => Inventory }[] = [
  ...(['LITE', 'ESSENTIALS', 'PLUS'] as const).map((plan) => ({
    name: `Cognito plan ${plan}`,
    apply: (inventory: Inventory) => ({
      ...inventory,
      userPools: inventory.userPools.map((pool) => ({ ...pool, plan })),
    }),
  })),
  ...([30, 90, 365, undefined] as const).map((days) => ({
    name: `log retention ${days === undefined ? 'never expires' : `${days} days`}`,
    apply: (inventory: Inventory) => ({
      ...inventory,
      logGroups: inventory.logGroups.map((group) => ({ ...group, retentionDays: days })),
    }),
  })),
  {
    name: 'no point-in-time recovery',
    apply: (inventory) => ({
      ...inventory,
      tables: inventory.tables.map((table) => ({ ...table, pointInTimeRecovery: false })),
    }),
  },
  {
    name: 'SES dedicated IP (one leased, standard)',
    apply: (inventory) => ({ ...inventory, sesDedicatedIpPools: inventory.sesDedicatedIpPools + 1 }),
  },
  {
    name: 'files bucket on KMS (a customer managed key, no Bucket Key)',
    apply: (inventory) => ({
      ...inventory,
      kmsKeys: inventory.kmsKeys + 1,
      buckets: inventory.buckets.map((bucket) =>
        bucket.expiries.length > 1 ? { ...bucket, encryption: 'aws:kms' } : bucket,
      ),
    }),
  },
  { name: 'no alarms', apply: (inventory) => ({ ...inventory, alarms: 0 }) },
  { name: 'no dashboard', apply: (inventory) => ({ ...inventory, dashboards: 0 }) },
  {
    name: 'dashboard billed (the account’s 3 free ones used elsewhere)',
    apply: (inventory) => ({ ...inventory, dashboards: inventory.dashboards + 3 }),
  },
  ...([128, 512, 1024] as const).map((memoryMb) => ({
    name: `API functions at ${memoryMb} MB (same billed ms)`,
    apply: (inventory: Inventory) => ({
      ...inventory,
      functions: inventory.functions.map((fn) =>
        fn.handler !== undefined && workers.some((worker) => worker.handler === fn.handler)
          ? fn
          : { ...fn, memoryMb },
      ),
    }),
  })),
];
