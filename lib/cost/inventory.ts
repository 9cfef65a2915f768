import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from 'aws-cdk-lib';
import { HANDLER_METADATA } from '../function.ts';

/** What the cost model reads from a synthesized stack: the resources that are billed by themselves. */
export interface Inventory {
  functions: { logicalId: string; handler: string | undefined; memoryMb: number; architecture: string }[];
  /** Log groups and their retention in days (`undefined`: kept forever). */
  logGroups: { logicalId: string; retentionDays: number | undefined }[];
  alarms: number;
  dashboards: number;
  queues: number;
  tables: { logicalId: string; pointInTimeRecovery: boolean; streams: boolean }[];
  /** Cognito user pools and their feature plan (CloudFormation `UserPoolTier`; ESSENTIALS when unset). */
  userPools: { logicalId: string; plan: CognitoPlan }[];
  secrets: number;
  schedules: number;
  httpApis: number;
  topics: number;
  /** Lambda triggers that poll an SQS queue (each polls around the clock, which SQS bills). */
  queuePollers: number;
  /**
   * S3 buckets: their default encryption (`aws:kms` bills KMS requests), the lifecycle expiries by prefix
   * (how long each kind of object is kept and billed), and whether the bucket receives another bucket's
   * server access logs (billed as storage of the log records).
   */
  buckets: {
    logicalId: string;
    encryption: string;
    expiries: { prefix: string; days: number }[];
    receivesAccessLogs: boolean;
  }[];
  /** Customer managed KMS keys (one dollar a month each). */
  kmsKeys: number;
  /** SES dedicated IP pools (STANDARD: leased IPs billed a month each; none: the shared pool, free). */
  sesDedicatedIpPools: number;
}

export type CognitoPlan = 'LITE' | 'ESSENTIALS' | 'PLUS';

interface CfnTemplate {
  Resources?: Record<
    string,
    { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> }
  >;
}

/** Every template the app wrote (the stack and its nested stacks), synthesized without bundling. */
export function templatesOf(app: App): CfnTemplate[] {
  const { directory } = app.synth();
  return readdirSync(directory)
    .filter((file) => file.endsWith('.template.json'))
    .map((file) => JSON.parse(readFileSync(join(directory, file), 'utf8')) as CfnTemplate);
}

export function inventoryOf(templates: CfnTemplate[]): Inventory {
  const resources = templates.flatMap((template) => Object.entries(template.Resources ?? {}));
  const ofType = (type: string) => resources.filter(([, resource]) => resource.Type === type);
  const literal = <T>(value: unknown, fallback: T): T | number | string =>
    typeof value === 'number' || typeof value === 'string' ? value : fallback;
  return {
    functions: ofType('AWS::Lambda::Function').map(([logicalId, resource]) => {
      const handler = resource.Metadata?.[HANDLER_METADATA];
      const architectures = resource.Properties?.Architectures;
      return {
        logicalId,
        handler: typeof handler === 'string' ? handler : undefined,
        // CloudFormation's defaults when a property is missing.
        memoryMb: Number(literal(resource.Properties?.MemorySize, 128)),
        architecture: Array.isArray(architectures) ? String(architectures[0]) : 'x86_64',
      };
    }),
    logGroups: ofType('AWS::Logs::LogGroup').map(([logicalId, resource]) => {
      const days = resource.Properties?.RetentionInDays;
      return { logicalId, retentionDays: typeof days === 'number' ? days : undefined };
    }),
    alarms: ofType('AWS::CloudWatch::Alarm').length,
    dashboards: ofType('AWS::CloudWatch::Dashboard').length,
    queues: ofType('AWS::SQS::Queue').length,
    tables: ofType('AWS::DynamoDB::Table').map(([logicalId, resource]) => {
      const pitr = resource.Properties?.PointInTimeRecoverySpecification as
        { PointInTimeRecoveryEnabled?: boolean } | undefined;
      return {
        logicalId,
        pointInTimeRecovery: pitr?.PointInTimeRecoveryEnabled === true,
        streams: resource.Properties?.StreamSpecification !== undefined,
      };
    }),
    userPools: ofType('AWS::Cognito::UserPool').map(([logicalId, resource]) => {
      const tier = resource.Properties?.UserPoolTier;
      return {
        logicalId,
        plan: tier === 'LITE' || tier === 'PLUS' ? tier : 'ESSENTIALS',
      };
    }),
    secrets: ofType('AWS::SecretsManager::Secret').length,
    schedules: ofType('AWS::Scheduler::Schedule').length,
    httpApis: ofType('AWS::ApiGatewayV2::Api').length,
    topics: ofType('AWS::SNS::Topic').length,
    buckets: ofType('AWS::S3::Bucket').map(([logicalId, resource]) => {
      const encryption = resource.Properties?.BucketEncryption as
        | {
            ServerSideEncryptionConfiguration?: {
              ServerSideEncryptionByDefault?: { SSEAlgorithm?: string };
            }[];
          }
        | undefined;
      const rules = (resource.Properties?.LifecycleConfiguration as { Rules?: unknown[] } | undefined)?.Rules;
      return {
        logicalId,
        // S3 encrypts every new object with S3-managed keys when a bucket names no other default.
        encryption:
          encryption?.ServerSideEncryptionConfiguration?.[0]?.ServerSideEncryptionByDefault?.SSEAlgorithm ??
          'AES256',
        expiries: (rules ?? []).flatMap((rule) => {
          const { Prefix, ExpirationInDays, Status } = rule as {
            Prefix?: string;
            ExpirationInDays?: number;
            Status?: string;
          };
          return Status !== 'Disabled' && typeof ExpirationInDays === 'number'
            ? [{ prefix: Prefix ?? '', days: ExpirationInDays }]
            : [];
        }),
        receivesAccessLogs: resources.some(([, other]) => {
          const logging = other.Properties?.LoggingConfiguration as
            { DestinationBucketName?: { Ref?: string } } | undefined;
          return other.Type === 'AWS::S3::Bucket' && logging?.DestinationBucketName?.Ref === logicalId;
        }),
      };
    }),
    kmsKeys: ofType('AWS::KMS::Key').length,
    sesDedicatedIpPools: ofType('AWS::SES::DedicatedIpPool').length,
    queuePollers: ofType('AWS::Lambda::EventSourceMapping').filter(([, resource]) => {
      const source = resource.Properties?.EventSourceArn as { 'Fn::GetAtt'?: [string, string] } | undefined;
      const target = source?.['Fn::GetAtt']?.[0];
      return resources.some(([id, other]) => id === target && other.Type === 'AWS::SQS::Queue');
    }).length,
  };
}
