import { join } from 'node:path';
import { startS3Local, type S3Local } from '../lib/local/s3.ts';
/**
 * The environment the Lambda runtime gives a Node.js 24 function (credentials and region included), so
 * that a bundle is loaded here the way it is loaded there. Nothing is inherited from the caller's
 * environment: no AWS profile, no proxy settings, no NODE_OPTIONS.
 */
export function lambdaEnvironment(functionName: string, own: Record<string, string>): Record<string, string> {
  return {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    AWS_REGION: 'ap-southeast-3',
    AWS_DEFAULT_REGION: 'ap-southeast-3',
    AWS_ACCESS_KEY_ID: 'ASIABENCHMARKKEY0000',
    AWS_SECRET_ACCESS_KEY: 'bench-secret-access-key',
    AWS_SESSION_TOKEN: 'bench-session-token',
    AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs24.x',
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '256',
    AWS_LAMBDA_LOG_FORMAT: 'JSON',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: 'bench',
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    ...own,
  };
}

/** Stands in for the table name CloudFormation resolves (`TABLE_NAME` is a `Ref` in the template). */
export const BENCH_TABLE_NAME = 'UmkmHub-bench-DataTable';

/** The key the benches' functions sign with, which the S3 stand-in they start also knows. */
const STAND_IN_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** The S3 stand-in of a bench, keeping its objects under `directory` and knowing the benches' key. */
export const startBenchS3 = (directory: string, bucket: string): Promise<S3Local> =>
  startS3Local({
    port: 0,
    directory: join(directory, 's3'),
    bucket,
    corsAllowOrigins: ['http://localhost:5173'],
    credentials: STAND_IN_CREDENTIALS,
  });

/**
 * The environment of a function run by a bench against the local stand-ins: its table on DynamoDB Local,
 * the bucket on the S3 stand-in (with the stand-in's credentials), the identity secret, errors-only logs.
 */
export function standInEnvironment(
  functionName: string,
  standIns: { table: string; dynamoDbEndpoint: string; s3Endpoint: string; bucket: string },
): Record<string, string> {
  return lambdaEnvironment(functionName, {
    TABLE_NAME: standIns.table,
    DYNAMODB_ENDPOINT: standIns.dynamoDbEndpoint,
    S3_ENDPOINT: standIns.s3Endpoint,
    BUCKET_NAME: standIns.bucket,
    AWS_ACCESS_KEY_ID: STAND_IN_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: STAND_IN_CREDENTIALS.secretAccessKey,
    IDENTITY_SECRET: 'bench-identity-secret-0123456789abcdef',
    POWERTOOLS_LOG_LEVEL: 'ERROR',
  });
}
