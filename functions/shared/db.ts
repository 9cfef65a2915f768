import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { requireEnv } from './config.ts';

/** The table's name, from the function's environment (set by the CDK stack or the local runtime). */
export const tableName = requireEnv('TABLE_NAME');

/**
 * One DocumentClient per execution environment, reused across invocations. `DYNAMODB_ENDPOINT` is set
 * only by the local runtime and the tests (DynamoDB Local); in AWS the regional endpoint is used.
 */
export const ddb = DynamoDBDocumentClient.from(
  new DynamoDBClient(process.env.DYNAMODB_ENDPOINT ? { endpoint: process.env.DYNAMODB_ENDPOINT } : {}),
  { marshallOptions: { removeUndefinedValues: true } },
);
