import { Duration, Validations } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes.ts';
import { workers } from '../../functions/workers.ts';
import { createApp } from '../../lib/app.ts';
import { inventoryOf, templatesOf, type Inventory } from '../../lib/cost/inventory.ts';
import { STORAGE_EXPIRY_DAYS, STORAGE_PREFIXES } from '../../functions/shared/storage-keys.ts';
import { defineWorker } from '../../functions/shared/worker.ts';
import { ASSUMPTIONS, CHOICES, cognitoCost, monthlyCost, total, workloadOf } from '../../lib/cost/model.ts';
import { PRICES } from '../../lib/cost/prices.ts';
import { PROFILES } from '../../lib/cost/profiles.ts';
import { UmkmFunction } from '../../lib/function.ts';

const city = PROFILES.find((profile) => profile.name === 'city')!;
const PROBE_HANDLER = 'events/list-events.ts';
let inventory: Inventory;

beforeAll(() => {
  // The prod stack, synthesized without bundling, with one function more than the manifests build.
  const { app, stack } = createApp({ context: { stage: 'prod', 'aws:cdk:bundling-stacks': [] } });
  new UmkmFunction(stack, 'CostProbe', {
    handler: PROBE_HANDLER,
    environment: {},
    logRetention: RetentionDays.TEN_YEARS,
    timeout: Duration.seconds(10),
    memorySize: 10_240,
  });
  // And a bucket more, on KMS with its own key, whose objects expire after 3 days.
  const probeBucket = new Bucket(stack, 'CostProbeBucket', {
    encryption: BucketEncryption.KMS,
    enforceSSL: true,
    lifecycleRules: [{ prefix: 'probe/', expiration: Duration.days(3) }],
  });
  Validations.of(probeBucket).acknowledge({
    id: 'AwsSolutions-S1',
    reason: 'A bucket of the cost test only: never deployed.',
  });
  inventory = inventoryOf(templatesOf(app));
});

const withoutProbe = (): Inventory => ({
  ...inventory,
  functions: inventory.functions.filter((fn) => fn.memoryMb !== 10_240),
  logGroups: inventory.logGroups.filter((group) => group.retentionDays !== 3653),
  buckets: inventory.buckets.filter((bucket) => !bucket.logicalId.startsWith('CostProbeBucket')),
  kmsKeys: inventory.kmsKeys - 1,
});

describe('cost model', () => {
  it('reads every function of the stack it runs on, with its handler and memory', () => {
    const handlers = inventory.functions.map((fn) => fn.handler);
    for (const row of [...routes, ...workers]) expect(handlers).toContain(row.handler);
    expect(inventory.functions).toContainEqual(
      expect.objectContaining({ handler: PROBE_HANDLER, memoryMb: 10_240, architecture: 'arm64' }),
    );
    expect(inventory.logGroups.map((group) => group.retentionDays)).toContain(3653);
    expect(inventory.functions.length).toBe(withoutProbe().functions.length + 1);
  });

  it('bills a function added to the stack', () => {
    const items = monthlyCost(inventory, city, PRICES);
    const before = monthlyCost(withoutProbe(), city, PRICES);
    const lambda = (list: typeof items) => list.filter((item) => item.service === 'Lambda');
    expect(lambda(items)[0]?.item).toContain(`${inventory.functions.length} functions`);
    const gbSeconds = (list: typeof items) => Number(lambda(list)[1]?.quantity.replace(/[^0-9]/g, ''));
    // The probe serves the event list (a fifth of the city's requests) with 10 GB: 400,000 × 0.06 s × 10.
    expect(gbSeconds(items) - gbSeconds(before)).toBeCloseTo(240_000, -3);
    expect(total(lambda(items))).toBeGreaterThan(total(lambda(before)));
  });

  it('reads the table, the user pool plan, the alarms, the dashboard and the queues from the stack', () => {
    expect(inventory.tables).toEqual([expect.objectContaining({ pointInTimeRecovery: true, streams: true })]);
    expect(inventory.userPools.map((pool) => pool.plan)).toEqual(['LITE']);
    expect(inventory.alarms).toBeGreaterThan(5);
    expect(inventory.dashboards).toBe(1);
    expect(inventory.queuePollers).toBe(
      workers.flatMap((w) => w.triggers).filter((t) => t.kind === 'sqs').length,
    );
    expect(inventory.secrets).toBeGreaterThanOrEqual(1);
  });

  it('reads the files bucket from the stack: its encryption, each prefix’s expiry, its access-log bucket', () => {
    const files = inventory.buckets.find((bucket) => bucket.logicalId.startsWith('StorageFiles'));
    expect(files?.encryption).toBe('AES256');
    expect(new Map(files?.expiries.map((rule) => [rule.prefix, rule.days]))).toEqual(
      new Map(
        Object.entries(STORAGE_EXPIRY_DAYS).map(([prefix, days]) => [
          STORAGE_PREFIXES[prefix as keyof typeof STORAGE_PREFIXES],
          days,
        ]),
      ),
    );
    const logs = inventory.buckets.find((bucket) => bucket.logicalId.startsWith('StorageAccessLogs'));
    expect(logs).toEqual(
      expect.objectContaining({ receivesAccessLogs: true, expiries: [{ prefix: '', days: 365 }] }),
    );
    expect(inventory.buckets).toContainEqual(
      expect.objectContaining({ encryption: 'aws:kms', expiries: [{ prefix: 'probe/', days: 3 }] }),
    );
  });

  it('bills S3 by prefix for as long as the stack keeps each, and KMS when a bucket is on it', () => {
    const items = monthlyCost(withoutProbe(), city, PRICES);
    const s3 = items.filter((item) => item.service === 'S3');
    for (const [prefix, days] of Object.entries(STORAGE_EXPIRY_DAYS))
      expect(s3.map((item) => item.item)).toContain(
        `storage ${STORAGE_PREFIXES[prefix as keyof typeof STORAGE_PREFIXES]} (expires after ${days} d)`,
      );
    // Posters never expire: the city's 200 a month of 400 KiB, 24 months' worth.
    const posters = s3.find((item) => item.item.startsWith(`storage ${STORAGE_PREFIXES.posters}`));
    expect(Number.parseFloat(posters?.quantity ?? '')).toBeCloseTo(
      (city.postersPerMonth * ASSUMPTIONS.posterBytes * 24) / 1024 ** 3,
      1,
    );
    // Keeping uploads a year instead of 14 days costs more.
    const kept = monthlyCost(
      {
        ...withoutProbe(),
        buckets: withoutProbe().buckets.map((bucket) => ({
          ...bucket,
          expiries: bucket.expiries.map((rule) => ({ ...rule, days: rule.days === 14 ? 365 : rule.days })),
        })),
      },
      { ...city, importedRowsPerMonth: 5_000_000 },
      PRICES,
    );
    const uploads = (list: typeof items) =>
      list.find((item) => item.item.startsWith(`storage ${STORAGE_PREFIXES.importUploads}`))?.usd ?? 0;
    expect(uploads(kept)).toBeGreaterThan(
      uploads(monthlyCost(withoutProbe(), { ...city, importedRowsPerMonth: 5_000_000 }, PRICES)),
    );
    // The probe bucket is on KMS: the KMS line bills its key and the requests.
    const kms = (list: typeof items) => list.find((item) => item.service === 'KMS');
    expect(kms(monthlyCost(inventory, city, PRICES))?.usd).toBeGreaterThan(kms(items)?.usd ?? 0);
  });

  it('bills a worker row by what wakes it and what it touches (the import planner and row worker)', () => {
    const planner = defineWorker({
      id: 'probeImportPlanner',
      handler: 'probe/planner.ts',
      description: 'probe',
      triggers: [
        { kind: 's3-object-created', prefix: 'importUploads' },
        { kind: 'sqs', queue: 'import-plan', batchSize: 1, maxConcurrency: 2, reportBatchItemFailures: true },
      ],
      timeoutSeconds: 900,
      grants: [{ kind: 'storage', prefix: 'importUploads', access: ['read'] }],
    });
    const rows = defineWorker({
      ...planner,
      id: 'probeImportRows',
      triggers: [
        { kind: 'sqs', queue: 'import-work', batchSize: 1, maxConcurrency: 2, reportBatchItemFailures: true },
      ],
      grants: [{ kind: 'storage', prefix: 'importWork', access: ['write'] }],
    });
    expect(workloadOf(planner, city).invocations).toBe(city.importFilesPerMonth);
    // And the stack's own rows, once merged, are billed so: the planner per file, the worker per chunk.
    for (const row of workers.filter((worker) => worker.handler.startsWith('imports/'))) {
      const woken = row.triggers.some((trigger) => trigger.kind === 's3-object-created');
      expect(workloadOf(row, city).invocations, row.id).toBe(
        woken ? city.importFilesPerMonth : Math.ceil(city.importedRowsPerMonth / ASSUMPTIONS.importChunkRows),
      );
    }
    const chunks = Math.ceil(city.importedRowsPerMonth / ASSUMPTIONS.importChunkRows);
    expect(workloadOf(rows, city)).toEqual(
      expect.objectContaining({
        invocations: chunks,
        sqsMessages: chunks,
        writes: city.importedRowsPerMonth * ASSUMPTIONS.writesPerImportedRow,
        writesImportedRows: true,
      }),
    );
  });

  it('prices Cognito per plan with the free tier of Lite and Essentials', () => {
    expect(cognitoCost('LITE', 10_000, PRICES)).toBe(0);
    expect(cognitoCost('ESSENTIALS', 20_000, PRICES)).toBeCloseTo(150);
    expect(cognitoCost('PLUS', 1_000, PRICES)).toBeCloseTo(20);
  });

  it('moves the city total by each choice in the direction it should', () => {
    const base = total(monthlyCost(withoutProbe(), city, PRICES));
    const moved = (name: string) => {
      const choice = CHOICES.find((candidate) => candidate.name === name)!;
      return total(monthlyCost(choice.apply(withoutProbe()), city, PRICES)) - base;
    };
    expect(moved('Cognito plan ESSENTIALS')).toBeGreaterThan(100);
    expect(moved('no point-in-time recovery')).toBeLessThan(0);
    expect(moved('log retention never expires')).toBeGreaterThan(0);
    expect(moved('no alarms')).toBeLessThan(0);
  });
});
