import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { invoke } from '../helpers/invoke.ts';
import { useLocalTable } from '../helpers/local-table.ts';

/**
 * Enumeration by timing: `POST /subscriptions` answers the same 202 whatever the address's state, and must
 * also do the same work, or its duration tells a stranger which addresses are subscribed. Pinned twice:
 * the DynamoDB calls (commands, transaction item types) are identical in every state, and the median
 * durations measured in interleaved rounds against DynamoDB Local stay within a factor of each other.
 */
type Handler = Parameters<typeof invoke>[0];
let subscribeHandler: Handler;
let store: typeof import('../../functions/subscriptions/store.ts');
let tokens: typeof import('../../functions/subscriptions/tokens.ts');

beforeAll(async () => {
  await useLocalTable('it-subscribe-timing', { WEB_URL: 'https://umkm.test' });
  subscribeHandler = (
    (await import('../../functions/subscriptions/create-subscription.ts')) as { handler: Handler }
  ).handler;
  store = await import('../../functions/subscriptions/store.ts');
  tokens = await import('../../functions/subscriptions/tokens.ts');
});

const send = vi.spyOn(DynamoDBDocumentClient.prototype, 'send');
afterAll(() => send.mockRestore());

let serial = 0;
const address = (state: string) => `${state}.${Date.now()}.${++serial}@timing.test`;

const subscribe = (email: string) =>
  invoke(subscribeHandler, {
    method: 'POST',
    path: '/subscriptions',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, kecamatan: ['32.75.01'] }),
  });

/** An address in `state`, made through the store's own transitions. */
async function inState(state: string): Promise<string> {
  const email = address(state);
  if (state === 'new') return email;
  const id = tokens.subscriberIdOf(email);
  expect((await subscribe(email)).status).toBe(202);
  if (state === 'limited') for (let mail = 1; mail < store.MAILS_PER_DAY; mail++) await subscribe(email);
  if (state === 'confirmed' || state === 'suppressed') expect(await store.confirmSubscriber(id)).toBe(true);
  if (state === 'suppressed')
    expect(await store.suppressSubscriber(id, 'hard bounce', Date.now())).toBe(true);
  if (state === 'unsubscribed') await store.unsubscribeSubscriber(id);
  return email;
}

/** The DynamoDB calls one request makes: command names, and the item types of each transaction. */
async function callsOf(email: string): Promise<string[]> {
  send.mockClear();
  expect((await subscribe(email)).status).toBe(202);
  return send.mock.calls.map(([command]) => {
    const name = (command as { constructor: { name: string } }).constructor.name;
    const items = (command as { input?: { TransactItems?: object[] } }).input?.TransactItems;
    return items ? `${name}(${items.map((item) => Object.keys(item).join()).join(',')})` : name;
  });
}

const STATES = ['new', 'pending', 'limited', 'confirmed', 'suppressed', 'unsubscribed'] as const;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

describe('POST /subscriptions does the same work whatever the address state', () => {
  it('sends the same DynamoDB calls for a new, pending, rate-limited, confirmed, suppressed or unsubscribed address', async () => {
    const calls: Record<string, string[]> = {};
    for (const state of STATES) calls[state] = await callsOf(await inState(state));
    for (const state of STATES) expect(calls[state], state).toEqual(calls.new);
    expect(calls.new).toEqual(['GetCommand', 'TransactWriteCommand(Update,Put)']);
  });

  it('queues no mail for a confirmed or suppressed address, and keeps it in its state', async () => {
    for (const state of ['confirmed', 'suppressed'] as const) {
      const email = await inState(state);
      const id = tokens.subscriberIdOf(email);
      expect(
        await store.requestSubscription(id, email, {
          language: 'id',
          filters: { kecamatan: [], types: [], needs: [] },
        }),
      ).toBe(false);
      expect((await store.findSubscriber(id))?.status).toBe(state);
    }
  });

  it('takes the same median time in every state (interleaved rounds, DynamoDB Local)', async () => {
    const rounds = Number(process.env.TIMING_ROUNDS ?? 25);
    const timed = ['new', 'pending', 'limited', 'confirmed', 'suppressed'] as const;
    // A pending address takes one request per round (a second would count towards its cap).
    const pending = await Promise.all(Array.from({ length: rounds }, () => inState('pending')));
    const fixed = {
      limited: await inState('limited'),
      confirmed: await inState('confirmed'),
      suppressed: await inState('suppressed'),
    };
    const durations: Record<string, number[]> = Object.fromEntries(timed.map((state) => [state, []]));
    for (let round = 0; round < rounds; round++) {
      const order = [...timed].sort(() => Math.random() - 0.5);
      for (const state of order) {
        const email =
          state === 'new' ? address('new') : state === 'pending' ? (pending[round] ?? '') : fixed[state];
        const started = performance.now();
        expect((await subscribe(email)).status).toBe(202);
        durations[state]?.push(performance.now() - started);
      }
    }
    const medians = Object.fromEntries(timed.map((state) => [state, median(durations[state] ?? [])]));
    process.stdout.write(
      `POST /subscriptions median ms over ${rounds} rounds: ${timed.map((state) => `${state} ${medians[state]?.toFixed(1)}`).join(', ')}\n`,
    );
    const values = Object.values(medians);
    expect(Math.max(...values) / Math.min(...values)).toBeLessThan(1.5);
  }, 120_000);
});
