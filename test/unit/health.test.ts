import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { handler } from '../../functions/health/get-health.ts';
import { invoke } from '../helpers/invoke.ts';

const ddb = mockClient(DynamoDBDocumentClient);

describe('GET /health', () => {
  beforeEach(() => ddb.reset());

  it('reports version, stage and a table that answers, with one GetItem', async () => {
    ddb.on(GetCommand).resolves({});
    const response = await invoke(handler, { path: '/health' });
    expect(response.status).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', version: '9.9.9', stage: 'test', table: 'ok' });
    expect(ddb).toHaveReceivedCommandTimes(GetCommand, 1);
    expect(ddb).toHaveReceivedCommandWith(GetCommand, {
      TableName: 'unit-test-table',
      Key: { PK: 'HEALTH', SK: 'HEALTH' },
    });
  });

  it('answers 503 with the same shape when the table is throttled or down', async () => {
    ddb.on(GetCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    const response = await invoke(handler, { path: '/health' });
    expect(response.status).toBe(503);
    expect(response.json()).toEqual({
      status: 'degraded',
      version: '9.9.9',
      stage: 'test',
      table: 'unreachable',
    });
  });
});
