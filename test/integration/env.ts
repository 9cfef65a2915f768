import { inject } from 'vitest';
import { ensureTable } from '../../lib/local/dynamodb.ts';

/** Points the functions' DynamoDB client at DynamoDB Local, before any handler module loads. */
const endpoint = inject('dynamoDbEndpoint');
Object.assign(process.env, {
  DYNAMODB_ENDPOINT: endpoint,
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
});
await ensureTable(endpoint, process.env.TABLE_NAME ?? '');
