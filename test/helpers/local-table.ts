import { inject } from 'vitest';
import { ensureTable } from '../../lib/local/dynamodb.ts';

/** Points the functions of this test file at their own table on DynamoDB Local (before they are imported). */
export async function useLocalTable(tableName: string, environment: Record<string, string> = {}) {
  const endpoint = inject('dynamoDbEndpoint');
  Object.assign(process.env, {
    DYNAMODB_ENDPOINT: endpoint,
    TABLE_NAME: tableName,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    ...environment,
  });
  await ensureTable(endpoint, tableName);
  return endpoint;
}
