import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { TABLE } from '../../functions/shared/table.ts';
import { ensureTable, localClient } from '../../lib/local/dynamodb.ts';
import { invoke } from '../helpers/invoke.ts';

const endpoint = inject('dynamoDbEndpoint');

describe('the table on DynamoDB Local', () => {
  it('is created once from the shared definition, with its indexes', async () => {
    expect(await ensureTable(endpoint, 'it-table-definition')).toBe('created');
    expect(await ensureTable(endpoint, 'it-table-definition')).toBe('existing');
    const client = localClient(endpoint);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: 'it-table-definition' }));
    client.destroy();
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ]);
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName).sort()).toEqual(
      TABLE.indexes.map((index) => index.name),
    );
  });

  it('answers the health probe through the real client', async () => {
    const document = DynamoDBDocumentClient.from(localClient(endpoint));
    await document.send(
      new PutCommand({ TableName: 'unit-test-table', Item: { PK: 'HEALTH', SK: 'HEALTH' } }),
    );
    document.destroy();
    const { handler } = await import('../../functions/health/get-health.ts');
    const response = await invoke(handler, { path: '/health' });
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', table: 'ok' });
  });
});
