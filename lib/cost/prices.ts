/**
 * AWS list prices for Asia Pacific (Jakarta), ap-southeast-3, in US dollars, as the cost model
 * (`npm run cost`) uses them. One table, one date: when a price page changes, change the figure here, the
 * date with it, and run the model again. Free tiers are the always-free ones (not the 12-month trial).
 */
export const PRICES_AS_OF = '2026-11-30';
export const PRICE_REGION = 'ap-southeast-3';

export interface Price {
  usd: number;
  /** What one unit is. */
  per: string;
  /** The AWS page the figure is read from. */
  source: string;
  /**
   * The day the figure was entered from that page as remembered, without re-reading the live page (the
   * machine the model was written on reaches npm and nothing else): verify it there before budgeting.
   */
  asRemembered: string;
}

/** What the model prints under every table. */
export const PRICES_CAVEAT =
  'Every price was entered from the public AWS price page named beside it as remembered on the date beside it, ' +
  'not re-read from the live page: verify before budgeting.';

const LAMBDA = 'https://aws.amazon.com/lambda/pricing/';
const APIGW = 'https://aws.amazon.com/api-gateway/pricing/';
const DDB = 'https://aws.amazon.com/dynamodb/pricing/on-demand/';
const COGNITO = 'https://aws.amazon.com/cognito/pricing/';
const SES = 'https://aws.amazon.com/ses/pricing/';
const CW = 'https://aws.amazon.com/cloudwatch/pricing/';
const SQS = 'https://aws.amazon.com/sqs/pricing/';
const SM = 'https://aws.amazon.com/secrets-manager/pricing/';
const SCHEDULER = 'https://aws.amazon.com/eventbridge/pricing/';
const SNS = 'https://aws.amazon.com/sns/pricing/';
const S3 = 'https://aws.amazon.com/s3/pricing/';
const KMS = 'https://aws.amazon.com/kms/pricing/';
const TRANSFER = 'https://aws.amazon.com/ec2/pricing/on-demand/#Data_Transfer';
const FREE = 'https://aws.amazon.com/free/';
const ENTERED = '2026-11-30';
const ADDED = '2026-12-01';

export const PRICES = {
  lambdaRequests: { usd: 0.2, per: '1M requests', source: LAMBDA, asRemembered: ENTERED },
  lambdaArmGbSecond: { usd: 0.0000133334, per: 'GB-second (arm64)', source: LAMBDA, asRemembered: ENTERED },
  lambdaFreeRequests: {
    usd: 1_000_000,
    per: 'requests free per month',
    source: LAMBDA,
    asRemembered: ENTERED,
  },
  lambdaFreeGbSeconds: {
    usd: 400_000,
    per: 'GB-seconds free per month',
    source: LAMBDA,
    asRemembered: ENTERED,
  },
  httpApiRequests: {
    usd: 1.0,
    per: '1M HTTP API requests (first 300M)',
    source: APIGW,
    asRemembered: ENTERED,
  },
  dynamoWrite: { usd: 0.7125, per: '1M write request units (on-demand)', source: DDB, asRemembered: ENTERED },
  dynamoRead: { usd: 0.1425, per: '1M read request units (on-demand)', source: DDB, asRemembered: ENTERED },
  dynamoStorage: { usd: 0.285, per: 'GB-month (Standard table class)', source: DDB, asRemembered: ENTERED },
  dynamoFreeStorageGb: { usd: 25, per: 'GB free per month', source: DDB, asRemembered: ENTERED },
  dynamoPitr: { usd: 0.228, per: 'GB-month of continuous backup (PITR)', source: DDB, asRemembered: ENTERED },
  cognitoLiteMau: { usd: 0.0055, per: 'MAU (Lite, 10,001–100,000)', source: COGNITO, asRemembered: ENTERED },
  cognitoLiteMauOver100k: {
    usd: 0.0046,
    per: 'MAU (Lite, 100,001–1,000,000)',
    source: COGNITO,
    asRemembered: ENTERED,
  },
  cognitoEssentialsMau: { usd: 0.015, per: 'MAU (Essentials)', source: COGNITO, asRemembered: ENTERED },
  cognitoPlusMau: { usd: 0.02, per: 'MAU (Plus, no free tier)', source: COGNITO, asRemembered: ENTERED },
  cognitoFreeMau: {
    usd: 10_000,
    per: 'MAU free per month (Lite and Essentials)',
    source: COGNITO,
    asRemembered: ENTERED,
  },
  sesMessages: { usd: 0.1, per: '1,000 outbound messages', source: SES, asRemembered: ENTERED },
  logsIngestion: { usd: 0.7, per: 'GB ingested (standard)', source: CW, asRemembered: ENTERED },
  logsStorage: { usd: 0.033, per: 'GB-month archived', source: CW, asRemembered: ENTERED },
  logsFreeGb: { usd: 5, per: 'GB free per month (ingestion and storage)', source: CW, asRemembered: ENTERED },
  alarm: { usd: 0.1, per: 'standard-resolution alarm metric per month', source: CW, asRemembered: ENTERED },
  alarmFree: { usd: 10, per: 'alarms free per month', source: CW, asRemembered: ENTERED },
  dashboard: { usd: 3, per: 'dashboard per month', source: CW, asRemembered: ENTERED },
  dashboardFree: {
    usd: 3,
    per: 'dashboards free per month (up to 50 metrics each)',
    source: CW,
    asRemembered: ENTERED,
  },
  sqsRequests: { usd: 0.4, per: '1M standard-queue requests', source: SQS, asRemembered: ENTERED },
  sqsFreeRequests: { usd: 1_000_000, per: 'requests free per month', source: SQS, asRemembered: ENTERED },
  secret: { usd: 0.4, per: 'secret per month', source: SM, asRemembered: ENTERED },
  secretCalls: { usd: 0.05, per: '10,000 API calls', source: SM, asRemembered: ENTERED },
  schedulerInvocations: {
    usd: 1.0,
    per: '1M scheduled invocations after 14M free',
    source: SCHEDULER,
    asRemembered: ENTERED,
  },
  snsEmail: {
    usd: 2.0,
    per: '100,000 email notifications after 1,000 free',
    source: SNS,
    asRemembered: ENTERED,
  },
  sesDedicatedIp: {
    usd: 24.95,
    per: 'leased dedicated IP (standard) per month',
    source: SES,
    asRemembered: ADDED,
  },
  s3Storage: { usd: 0.025, per: 'GB-month (S3 Standard, first 50 TB)', source: S3, asRemembered: ADDED },
  s3Puts: {
    usd: 0.005,
    per: '1,000 PUT, COPY, POST or LIST requests (S3 Standard)',
    source: S3,
    asRemembered: ADDED,
  },
  s3Gets: {
    usd: 0.0004,
    per: '1,000 GET, SELECT and other requests (S3 Standard)',
    source: S3,
    asRemembered: ADDED,
  },
  s3Expiry: {
    usd: 0,
    per: 'lifecycle expiration (expirations are free; transitions are billed)',
    source: S3,
    asRemembered: ADDED,
  },
  transferOut: {
    usd: 0.132,
    per: 'GB out to the internet (first 10 TB)',
    source: TRANSFER,
    asRemembered: ADDED,
  },
  transferOutFreeGb: {
    usd: 100,
    per: 'GB out to the internet free per month (all services, all regions)',
    source: FREE,
    asRemembered: ADDED,
  },
  kmsKey: { usd: 1, per: 'customer managed key per month', source: KMS, asRemembered: ADDED },
  kmsRequests: { usd: 0.03, per: '10,000 requests', source: KMS, asRemembered: ADDED },
  kmsFreeRequests: { usd: 20_000, per: 'requests free per month', source: KMS, asRemembered: ADDED },
} as const satisfies Record<string, Price>;

export type PriceTable = { [K in keyof typeof PRICES]: Price };
