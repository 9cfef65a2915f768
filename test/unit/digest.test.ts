import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { SESv2Client, SendBulkEmailCommand, type BulkEmailStatus } from '@aws-sdk/client-sesv2';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sqsEvent as sendQueueEvent } from '../../lib/local/lambda-event.ts';
import { DIGEST_TEST_ENV } from '../helpers/digest.ts';

const ses = mockClient(SESv2Client);
const ddb = mockClient(DynamoDBDocumentClient);
let sender: typeof import('../../functions/digest/sender.ts');
let planner: typeof import('../../functions/digest/planner.ts');
const queued: { queue: string; bodies: string[] }[] = [];

beforeAll(async () => {
  Object.assign(process.env, {
    ...DIGEST_TEST_ENV,
    SES_TEMPLATE_PREFIX: 'unit-',
    SES_CONFIGURATION_SET: 'umkm-hub-unit',
  });
  sender = await import('../../functions/digest/sender.ts');
  planner = await import('../../functions/digest/planner.ts');
  const { useQueueTransport } = await import('../../functions/digest/queue.ts');
  useQueueTransport({
    send: (queue, bodies) => {
      queued.push({ queue, bodies });
      return Promise.resolve();
    },
  });
});

const recipients = (count: number) =>
  Array.from({ length: count }, (_, index) => ({
    id: `subscriber-${String(index).padStart(4, '0')}`,
    email: `warga${index}@example.com`,
    content: 'content-aaaaaaaaaaaa',
  }));
const batch = (count = 3, batchId = 's0p0-id-0') => ({
  runId: '2026-W49',
  batchId,
  language: 'id',
  recipients: recipients(count),
});
const sqsEvent = (body: unknown) =>
  sendQueueEvent('send', [{ id: 'm-1', body: JSON.stringify(body), receives: 1 }]);
const sesError = (name: string) => Object.assign(new Error(name), { name });
const results = (...statuses: BulkEmailStatus[]) => ({
  BulkEmailEntryResults: statuses.map((Status, index) => ({ Status, MessageId: `id-${index}` })),
});

/** A marker in `state`, every recipient still confirmed, content present, transactions accepted. */
function tableWith(marker: { state: 'sending' | 'sent'; done?: Set<string> }) {
  ddb.on(UpdateCommand).resolves({ Attributes: marker });
  ddb
    .on(BatchGetCommand)
    .callsFake((input: { RequestItems: Record<string, { Keys: { PK: string }[] }> }) => ({
      Responses: {
        'unit-test-table': Object.values(input.RequestItems)[0]!.Keys.map((key) => ({
          PK: key.PK,
          status: 'confirmed',
        })),
      },
    }));
  ddb.on(GetCommand).resolves({ Item: { subject: 'Agenda', html: '<p>x</p>', text: 'x' } });
  ddb.on(TransactWriteCommand).resolves({});
}

const transactions = () =>
  ddb.commandCalls(TransactWriteCommand).map((call) => call.args[0].input.TransactItems!);

describe('the digest sender', () => {
  beforeEach(() => {
    ses.reset();
    ddb.reset();
  });

  it('sends a batch in one SendBulkEmail by the language’s template, with per-recipient one-click headers', async () => {
    tableWith({ state: 'sending' });
    ses.on(SendBulkEmailCommand).resolves(results('SUCCESS', 'SUCCESS', 'SUCCESS'));
    expect(await sender.handler(sqsEvent(batch()))).toEqual({ batchItemFailures: [] });
    expect(ses).toHaveReceivedCommandTimes(SendBulkEmailCommand, 1);
    const input = ses.commandCalls(SendBulkEmailCommand)[0]!.args[0].input;
    expect(input.DefaultContent?.Template?.TemplateName).toBe('unit-digest-id');
    expect(input.ConfigurationSetName).toBe('umkm-hub-unit');
    expect(input.BulkEmailEntries).toHaveLength(3);
    const [first, second] = input.BulkEmailEntries!;
    expect(first?.ReplacementHeaders).toEqual([
      {
        Name: 'List-Unsubscribe',
        Value: expect.stringMatching(
          /^<https:\/\/api\.umkm\.test\/subscriptions\/unsubscribe\?token=[\w.-]+>$/,
        ),
      },
      { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
    ]);
    expect(first?.ReplacementHeaders?.[0]?.Value).not.toBe(second?.ReplacementHeaders?.[0]?.Value);
    expect(first?.ReplacementTags).toEqual([{ Name: 'subscriber', Value: 'subscriber-0000' }]);
    const counters = transactions().at(-1)![1]!.Update!;
    expect(counters.ExpressionAttributeValues).toMatchObject({ ':sent': 3, ':failed': 0, ':batchesDone': 1 });
  });

  it('never sends a batch again when its marker says it was sent (redelivery)', async () => {
    tableWith({ state: 'sent' });
    expect(await sender.handler(sqsEvent(batch()))).toEqual({ batchItemFailures: [] });
    expect(ses).toHaveReceivedCommandTimes(SendBulkEmailCommand, 0);
  });

  it('on a retry sends only the recipients its marker does not list as done', async () => {
    tableWith({ state: 'sending', done: new Set(['subscriber-0000', 'subscriber-0001']) });
    ses.on(SendBulkEmailCommand).resolves(results('SUCCESS'));
    await sender.handler(sqsEvent(batch()));
    const entries = ses.commandCalls(SendBulkEmailCommand)[0]!.args[0].input.BulkEmailEntries!;
    expect(entries.map((entry) => entry.Destination?.ToAddresses?.[0])).toEqual(['warga2@example.com']);
  });

  it('retries only the throttled recipients, with backoff, and counts the rejected one as failed', async () => {
    tableWith({ state: 'sending' });
    ses
      .on(SendBulkEmailCommand)
      .resolvesOnce(results('SUCCESS', 'ACCOUNT_THROTTLED', 'MESSAGE_REJECTED'))
      .resolves(results('SUCCESS'));
    expect(await sender.handler(sqsEvent(batch()))).toEqual({ batchItemFailures: [] });
    expect(ses).toHaveReceivedCommandTimes(SendBulkEmailCommand, 2);
    const retried = ses.commandCalls(SendBulkEmailCommand)[1]!.args[0].input.BulkEmailEntries!;
    expect(retried.map((entry) => entry.Destination?.ToAddresses?.[0])).toEqual(['warga1@example.com']);
    const [first, second] = transactions().map((items) => items[1]!.Update!.ExpressionAttributeValues);
    expect(first).toMatchObject({ ':sent': 1, ':failed': 1 });
    expect(second).toMatchObject({ ':sent': 1, ':failed': 0, ':batchesDone': 1 });
  });

  it('backs off when SES throttles the whole call, and hands the batch back to SQS if it goes on', async () => {
    tableWith({ state: 'sending' });
    ses.on(SendBulkEmailCommand).rejects(sesError('TooManyRequestsException'));
    expect(await sender.handler(sqsEvent(batch()))).toEqual({
      batchItemFailures: [{ itemIdentifier: 'm-1' }],
    });
    expect(ses).toHaveReceivedCommandTimes(SendBulkEmailCommand, 3);
  });

  it('fails the delivery at once when the template is missing (a deployment fault: retries, then the DLQ)', async () => {
    tableWith({ state: 'sending' });
    ses.on(SendBulkEmailCommand).rejects(sesError('NotFoundException'));
    expect(await sender.handler(sqsEvent(batch()))).toEqual({
      batchItemFailures: [{ itemIdentifier: 'm-1' }],
    });
    expect(ses).toHaveReceivedCommandTimes(SendBulkEmailCommand, 1);
  });

  it('reports a malformed message as failed (poison: to the DLQ after a few receives) without sending', async () => {
    tableWith({ state: 'sending' });
    const tooMany = batch(51);
    expect(await sender.handler(sqsEvent(tooMany))).toEqual({
      batchItemFailures: [{ itemIdentifier: 'm-1' }],
    });
    expect(
      await sender.handler(sendQueueEvent('send', [{ id: 'm-1', body: 'not json', receives: 1 }])),
    ).toEqual({
      batchItemFailures: [{ itemIdentifier: 'm-1' }],
    });
    expect(ses).toHaveReceivedCommandTimes(SendBulkEmailCommand, 0);
  });
});

describe('the digest planner’s start', () => {
  beforeEach(() => {
    ddb.reset();
    queued.length = 0;
  });

  it('records a trigger more than 12 hours late as skipped and plans nothing', async () => {
    ddb.on(PutCommand).resolves({});
    const now = Date.parse('2026-12-07T13:00:00Z');
    const result = await planner.startRun({ kind: 'start', scheduledTime: '2026-12-07T00:00:00Z' }, now);
    expect(result).toEqual({ status: 'skipped', runId: '2026-W50' });
    expect(ddb.commandCalls(PutCommand)[0]!.args[0].input.Item).toMatchObject({
      state: 'skipped',
      reason: 'late',
    });
    expect(queued).toEqual([]);
  });

  it('opens the week’s run once: a second trigger finds it and queues nothing', async () => {
    ddb.on(PutCommand).resolves({});
    ddb.on(QueryCommand).resolves({ Items: [] });
    ddb.on(UpdateCommand).resolves({});
    const now = Date.parse('2026-12-07T00:05:00Z');
    const first = await planner.startRun({ kind: 'start', scheduledTime: '2026-12-07T00:00:00Z' }, now);
    expect(first).toEqual({ status: 'started', runId: '2026-W50' });
    expect(queued.flatMap((q) => q.bodies)).toHaveLength(16);

    queued.length = 0;
    ddb.on(PutCommand).rejects(new ConditionalCheckFailedException({ message: 'exists', $metadata: {} }));
    ddb.on(GetCommand).resolves({ Item: { runId: '2026-W50', state: 'planning', shardsQueued: true } });
    const second = await planner.startRun(
      { kind: 'start', scheduledTime: '2026-12-07T00:00:00Z' },
      now + 60_000,
    );
    expect(second).toEqual({ status: 'duplicate', runId: '2026-W50' });
    expect(queued).toEqual([]);
  });
});

describe('digest content', () => {
  it('writes dates as "Senin, 7 Desember 2026, 09.00 WIB" and counts ISO weeks in WIB', async () => {
    const { wibDateTime, rupiah } = await import('../../functions/digest/format.ts');
    const { isoWeekOf } = await import('../../functions/digest/week.ts');
    expect(wibDateTime('2026-12-07T09:00:00+07:00', 'id')).toBe('Senin, 7 Desember 2026, 09.00 WIB');
    expect(wibDateTime('2026-12-07T02:00:00Z', 'en')).toBe('Monday, 7 December 2026, 09:00 WIB');
    expect(rupiah(1_500_000, 'id')).toBe('Rp1.500.000');
    expect(rupiah(0, 'en')).toBe('Free');
    // Sunday 18:00 UTC is Monday 01:00 WIB: the new week.
    expect(isoWeekOf(new Date('2026-12-06T18:00:00Z'))).toBe('2026-W50');
    expect(isoWeekOf(new Date('2026-12-06T16:00:00Z'))).toBe('2026-W49');
    expect(isoWeekOf(new Date('2027-01-01T00:00:00Z'))).toBe('2026-W53');
  });

  it('matches filters (online events reach every kecamatan) and shares one content among equal plans', async () => {
    const { planContent, contentIdOf } = await import('../../functions/digest/content.ts');
    const event = (id: string, extra: object) => ({
      id,
      title: id,
      type: 'bazar',
      start: '2026-12-08T09:00:00+07:00',
      online: false,
      fee: 0,
      needs: ['pasar'],
      ...extra,
    });
    const snapshot = {
      upcoming: [
        event('a', { kecamatan: '32.75.01' }),
        event('b', { online: true }),
        event('c', { kecamatan: '32.75.02' }),
      ],
      cancelled: [],
      since: '2026-11-30T00:00:00Z',
    };
    const filters = { kecamatan: ['32.75.01'], types: [], needs: [] };
    const plan = planContent(snapshot, { language: 'id', filters });
    expect(plan).toEqual({ language: 'id', forYou: [], others: ['a', 'b'], cancelled: [] });
    expect(
      planContent(snapshot, { language: 'id', filters: { ...filters, types: ['lomba'] } }),
    ).toBeUndefined();
    const same = planContent(snapshot, {
      language: 'id',
      filters: { kecamatan: ['32.75.01', '32.75.09'], types: [], needs: [] },
    });
    expect(contentIdOf(same!)).toBe(contentIdOf(plan!));
    expect(planContent(snapshot, { language: 'id', filters }, ['pasar'])?.forYou).toEqual(['a', 'b']);
  });
});
