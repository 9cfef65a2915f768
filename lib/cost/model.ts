import { routes } from '../../functions/routes.ts';
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
  /** Months a log group keeps data when it never expires (two years of steady state). */
  foreverMonths: 24,
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

/** Invocations a month and billed GB-seconds of each function the inventory lists. */
function functionUsage(inventory: Inventory, profile: UsageProfile) {
  const routeByHandler = new Map(routes.map((route) => [route.handler, route]));
  const workerByHandler = new Map(workers.map((worker) => [worker.handler, worker]));
  const named = new Set(Object.keys(profile.routeMix));
  const unnamed = routes.filter((route) => !named.has(route.id)).length;
  const namedShare = Object.values(profile.routeMix).reduce((sum, share) => sum + share, 0);
  const mails = profile.newSubscribersPerMonth + profile.otherMailsPerMonth;
  const recipients = profile.subscribers * DIGESTS_PER_MONTH;
  const batches = recipients / ASSUMPTIONS.recipientsPerBatch;

  return inventory.functions.map((fn) => {
    const route = fn.handler === undefined ? undefined : routeByHandler.get(fn.handler);
    const worker = fn.handler === undefined ? undefined : workerByHandler.get(fn.handler);
    let invocations: number;
    let billedMs: number = ASSUMPTIONS.apiBilledMs;
    let reads = 0;
    let writes = 0;
    if (route) {
      const share = profile.routeMix[route.id] ?? (unnamed > 0 ? (1 - namedShare) / unnamed : 0);
      invocations = profile.apiRequestsPerMonth * share;
      const perRequest = route.method === 'GET' ? ASSUMPTIONS.readRequest : ASSUMPTIONS.writeRequest;
      reads = invocations * perRequest.reads;
      writes = invocations * perRequest.writes;
    } else if (worker?.id === 'digestSender') {
      invocations = batches;
      billedMs = ASSUMPTIONS.senderMsPerBatch;
      writes = batches * ASSUMPTIONS.digestWritesPerBatch;
    } else if (worker?.id === 'digestPlanner') {
      invocations = DIGESTS_PER_MONTH * 17;
      billedMs = (recipients * ASSUMPTIONS.plannerMsPerRecipient) / Math.max(invocations, 1);
      reads = recipients * ASSUMPTIONS.digestReadsPerRecipient;
    } else if (worker?.id === 'mailer') {
      invocations = mails;
      billedMs = ASSUMPTIONS.mailerMsPerMail;
    } else if (worker) {
      // Other workers (SES feedback, imports …): one invocation per mail bounced or row batch; small.
      invocations = mails * 0.02 + recipients * 0.01;
    } else {
      // The `$default` function (unknown paths) and anything without a manifest row.
      invocations = profile.apiRequestsPerMonth * 0.01;
    }
    return {
      ...fn,
      invocations,
      gbSeconds: invocations * (billedMs / 1000) * (fn.memoryMb / 1024),
      reads,
      writes,
      readsSecret:
        route?.subscriptionSecret === true || (worker?.environment ?? []).includes('SUBSCRIPTION_SECRET'),
    };
  });
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
  const importWrites = profile.importedRowsPerMonth * ASSUMPTIONS.writesPerImportedRow;
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
    ((profile.subscribers * DIGESTS_PER_MONTH) / ASSUMPTIONS.recipientsPerBatch + DIGESTS_PER_MONTH * 17) *
      ASSUMPTIONS.sqsRequestsPerMessage +
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

  // EventBridge Scheduler: a handful of runs a month, inside the 14 million free.
  add('Scheduler', `schedules (${inventory.schedules})`, fmt(inventory.schedules * DIGESTS_PER_MONTH), 0);
  return items;
}

export function cognitoCost(plan: CognitoPlan, mau: number, prices: PriceTable): number {
  if (plan === 'PLUS') return mau * prices.cognitoPlusMau.usd;
  const billable = Math.max(0, mau - prices.cognitoFreeMau.usd);
  return billable * (plan === 'LITE' ? prices.cognitoLiteMau.usd : prices.cognitoEssentialsMau.usd);
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
