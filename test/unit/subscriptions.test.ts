import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as subscribe } from '../../functions/subscriptions/create-subscription.ts';
import { normaliseEmail } from '../../functions/shared/validation.ts';
import { signToken, subscriberIdOf, verifyToken } from '../../functions/subscriptions/tokens.ts';
import { invoke } from '../helpers/invoke.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const cancelled = () =>
  new TransactionCanceledException({
    message: 'cancelled',
    $metadata: {},
    CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
  });
const post = (body: unknown) =>
  invoke(subscribe, {
    method: 'POST',
    path: '/subscriptions',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });

describe('subscription requests against a mocked table', () => {
  beforeEach(() => ddb.reset());

  it('keys the subscriber by an HMAC that does not contain the address, and queues an outbox mail', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    expect((await post({ email: 'Siti@Example.com' })).status).toBe(202);
    const input = ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input;
    const [update, put] = input.TransactItems!;
    expect(update!.Update!.Key!.PK).toBe(`SUBSCRIBER#${subscriberIdOf('siti@example.com')}`);
    expect(JSON.stringify(update!.Update!.Key)).not.toMatch(/siti|example/i);
    expect(put!.Put!.Item).toMatchObject({ kind: 'confirm', email: 'siti@example.com', language: 'id' });
  });

  it('answers 202 and queues nothing when both the new-window and the in-window writes are refused', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled());
    const response = await post({ email: 'limit@example.com' });
    expect(response.status).toBe(202);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 2);
  });

  it('does not hide a throttled table behind a 202', async () => {
    ddb
      .on(TransactWriteCommand)
      .rejects(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }));
    const response = await post({ email: 'x@example.com' });
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBeDefined();
  });
});

describe('link tokens', () => {
  it('normalise the address: trimmed, NFC, lower-cased whole (one mailbox, one key)', () => {
    expect(normaliseEmail('  Budi.S@Mail.Example.COM ')).toBe('budi.s@mail.example.com');
    expect(normaliseEmail('Flood@x.id')).toBe(normaliseEmail('fLood@X.ID'));
  });

  it('verify only for their own purpose and until they expire', () => {
    const now = Date.UTC(2026, 0, 1);
    const token = signToken('confirm', 'sub-1', now);
    expect(verifyToken(token, 'confirm', 'body', now + 1000)).toBe('sub-1');
    expect(() => verifyToken(token, 'manage', 'query', now)).toThrow(
      expect.objectContaining({ status: 400 }),
    );
    expect(() => verifyToken(token, 'confirm', 'body', now + 3 * 86_400_000)).toThrow(
      expect.objectContaining({ status: 410 }),
    );
    expect(() => verifyToken(`${token}x`, 'confirm', 'body', now)).toThrow(
      expect.objectContaining({ status: 400 }),
    );
  });
});
