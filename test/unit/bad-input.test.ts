import { DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as createEvent } from '../../functions/events/create-event.ts';
import { handler as subscribe } from '../../functions/subscriptions/create-subscription.ts';
import { eventInput } from '../helpers/events.ts';
import { invoke, operatorClaims } from '../helpers/invoke.ts';

const ddb = mockClient(DynamoDBDocumentClient);

/** Bodies of every shape: random JSON, a valid body with one field replaced, raw text, odd content types. */
const mutatedEvent = fc
  .tuple(fc.constantFrom(...Object.keys(eventInput()), 'unknown', 'venue'), fc.jsonValue())
  .map(([field, value]) => JSON.stringify({ ...eventInput(), [field]: value }));
const body = (valid: fc.Arbitrary<string>) =>
  fc.oneof(
    fc.json(),
    fc.string(),
    valid,
    fc.jsonValue().map((v) => JSON.stringify({ email: v })),
  );
const contentType = fc.constantFrom(
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  '',
);

describe('bad input never gives a 5xx', () => {
  beforeEach(() => {
    ddb.reset();
    ddb.on(PutCommand).resolves({});
    ddb.on(TransactWriteCommand).resolves({});
    ddb.on(GetCommand).resolves({});
  });

  it('POST /events', async () => {
    await fc.assert(
      fc.asyncProperty(body(mutatedEvent), contentType, async (raw, type) => {
        const response = await invoke(createEvent, {
          method: 'POST',
          path: '/events',
          body: raw,
          headers: type ? { 'content-type': type } : {},
          claims: operatorClaims(),
        });
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
  });

  it('POST /subscriptions', async () => {
    const mutated = fc
      .tuple(
        fc.constantFrom('email', 'language', 'kecamatan', 'types', 'needs', 'name', 'extra'),
        fc.jsonValue(),
      )
      .map(([field, value]) => JSON.stringify({ email: 'a@example.com', [field]: value }));
    await fc.assert(
      fc.asyncProperty(body(mutated), contentType, async (raw, type) => {
        const response = await invoke(subscribe, {
          method: 'POST',
          path: '/subscriptions',
          body: raw,
          headers: type ? { 'content-type': type } : {},
        });
        expect(response.status).toBeLessThan(500);
        if (response.status < 300) expect(response.status).toBe(202);
      }),
      { numRuns: 300 },
    );
  });
});
