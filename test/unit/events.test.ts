import { ConditionalCheckFailedException, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler as publish } from '../../functions/events/publish-event.ts';
import { handler as list } from '../../functions/events/list-events.ts';
import { newEventRecord, itemOf } from '../../functions/events/model.ts';
import { eventInput } from '../helpers/events.ts';
import { invoke, operatorClaims } from '../helpers/invoke.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const ID = '01JQ0000000000000000000000';
const draft = itemOf(newEventRecord(eventInput(), ID, '2026-01-01T00:00:00.000Z', 'op'));

const publishIt = () =>
  invoke(publish, {
    method: 'POST',
    path: `/events/${ID}/publish`,
    pathParameters: { id: ID },
    claims: operatorClaims(),
  });

const conditionFailed = (item?: Record<string, AttributeValue>) =>
  new ConditionalCheckFailedException({ message: 'failed', $metadata: {}, ...(item ? { Item: item } : {}) });

describe('event state changes against a mocked table', () => {
  beforeEach(() => ddb.reset());

  it('publishes a draft with one read and one conditional write on version and status', async () => {
    ddb.on(GetCommand).resolves({ Item: draft });
    ddb.on(PutCommand).resolves({});
    const response = await publishIt();
    expect(response.status).toBe(200);
    expect(response.headers.etag).toBe('"2"');
    expect(ddb).toHaveReceivedCommandWith(PutCommand, {
      ConditionExpression: '#version = :version AND #status = :status',
      ExpressionAttributeValues: { ':version': 1, ':status': 'draft' },
      Item: expect.objectContaining({
        status: 'published',
        GSI1PK: 'EVENTS#PUBLIC',
        GSI2PK: 'EVENTS#published',
      }),
    });
  });

  it('answers 409 when another operator published it in between, 404 when it was deleted', async () => {
    ddb.on(GetCommand).resolves({ Item: draft });
    ddb.on(PutCommand).rejectsOnce(conditionFailed({ status: { S: 'published' }, version: { N: '2' } }));
    expect((await publishIt()).status).toBe(409);
    ddb.on(PutCommand).rejects(conditionFailed());
    expect((await publishIt()).status).toBe(404);
  });

  it('answers a throttled table with 503 and Retry-After, revealing nothing', async () => {
    ddb
      .on(QueryCommand)
      .rejects(Object.assign(new Error('Rate of requests exceeds'), { name: 'ThrottlingException' }));
    const response = await invoke(list, { path: '/events' });
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBeDefined();
    expect(response.body).not.toContain('Rate');
  });

  it('reads at most five bounded pages for a filtered listing', async () => {
    ddb
      .on(QueryCommand)
      .resolves({ Items: [], LastEvaluatedKey: { PK: 'x', GSI1SK: '2030-01-01T00:00:00.000Z#' + ID } });
    const response = await invoke(list, { path: '/events?type=lomba' });
    expect(response.status).toBe(200);
    expect(ddb).toHaveReceivedCommandTimes(QueryCommand, 5);
    expect(ddb).toHaveReceivedCommandWith(QueryCommand, { Limit: 100, IndexName: 'GSI1' });
    expect(response.json().cursor).toEqual(expect.any(String));
  });
});
