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
}

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

export const PRICES = {
  lambdaRequests: { usd: 0.2, per: '1M requests', source: LAMBDA },
  lambdaArmGbSecond: { usd: 0.0000133334, per: 'GB-second (arm64)', source: LAMBDA },
  lambdaFreeRequests: { usd: 1_000_000, per: 'requests free per month', source: LAMBDA },
  lambdaFreeGbSeconds: { usd: 400_000, per: 'GB-seconds free per month', source: LAMBDA },
  httpApiRequests: { usd: 1.0, per: '1M HTTP API requests (first 300M)', source: APIGW },
  dynamoWrite: { usd: 0.7125, per: '1M write request units (on-demand)', source: DDB },
  dynamoRead: { usd: 0.1425, per: '1M read request units (on-demand)', source: DDB },
  dynamoStorage: { usd: 0.285, per: 'GB-month (Standard table class)', source: DDB },
  dynamoFreeStorageGb: { usd: 25, per: 'GB free per month', source: DDB },
  dynamoPitr: { usd: 0.228, per: 'GB-month of continuous backup (PITR)', source: DDB },
  cognitoLiteMau: { usd: 0.0055, per: 'MAU (Lite, 10,001–100,000)', source: COGNITO },
  cognitoEssentialsMau: { usd: 0.015, per: 'MAU (Essentials)', source: COGNITO },
  cognitoPlusMau: { usd: 0.02, per: 'MAU (Plus, no free tier)', source: COGNITO },
  cognitoFreeMau: { usd: 10_000, per: 'MAU free per month (Lite and Essentials)', source: COGNITO },
  sesMessages: { usd: 0.1, per: '1,000 outbound messages', source: SES },
  logsIngestion: { usd: 0.7, per: 'GB ingested (standard)', source: CW },
  logsStorage: { usd: 0.033, per: 'GB-month archived', source: CW },
  logsFreeGb: { usd: 5, per: 'GB free per month (ingestion and storage)', source: CW },
  alarm: { usd: 0.1, per: 'standard-resolution alarm metric per month', source: CW },
  alarmFree: { usd: 10, per: 'alarms free per month', source: CW },
  dashboard: { usd: 3, per: 'dashboard per month', source: CW },
  dashboardFree: { usd: 3, per: 'dashboards free per month (up to 50 metrics each)', source: CW },
  sqsRequests: { usd: 0.4, per: '1M standard-queue requests', source: SQS },
  sqsFreeRequests: { usd: 1_000_000, per: 'requests free per month', source: SQS },
  secret: { usd: 0.4, per: 'secret per month', source: SM },
  secretCalls: { usd: 0.05, per: '10,000 API calls', source: SM },
  schedulerInvocations: { usd: 1.0, per: '1M scheduled invocations after 14M free', source: SCHEDULER },
  snsEmail: { usd: 2.0, per: '100,000 email notifications after 1,000 free', source: SNS },
} as const satisfies Record<string, Price>;

export type PriceTable = { [K in keyof typeof PRICES]: Price };
