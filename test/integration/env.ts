import { inject } from 'vitest';
import { ensureTable } from '../../lib/local/dynamodb.ts';
import { startRecording } from '../../lib/local/sdk-calls.ts';
import { SDK_CALLS_DIR } from '../iam/record.ts';

/** Points the functions' DynamoDB client at DynamoDB Local and their bucket at the S3 stand-in, before any handler module loads. */
const endpoint = inject('dynamoDbEndpoint');
Object.assign(process.env, {
  DYNAMODB_ENDPOINT: endpoint,
  S3_ENDPOINT: inject('s3Endpoint'),
  BUCKET_NAME: 'umkm-hub-test-files',
  AWS_ACCESS_KEY_ID: 'local',
  AWS_SECRET_ACCESS_KEY: 'local',
});
await ensureTable(endpoint, process.env.TABLE_NAME ?? '');

// Every SDK command a handler sends is recorded for the IAM check (test/iam/check.ts).
startRecording(SDK_CALLS_DIR);
