import { Duration } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes.ts';
import { workers } from '../../functions/workers.ts';
import { createApp } from '../../lib/app.ts';
import { inventoryOf, templatesOf, type Inventory } from '../../lib/cost/inventory.ts';
import { CHOICES, cognitoCost, monthlyCost, total } from '../../lib/cost/model.ts';
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
  inventory = inventoryOf(templatesOf(app));
});

const withoutProbe = (): Inventory => ({
  ...inventory,
  functions: inventory.functions.filter((fn) => fn.memoryMb !== 10_240),
  logGroups: inventory.logGroups.filter((group) => group.retentionDays !== 3653),
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
