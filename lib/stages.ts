import { Duration } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

/** What differs between deployments. Choose with `-c stage=dev|prod`. */
export interface StageConfig {
  name: 'dev' | 'prod';
  /** Browser origins allowed to call the API (CORS). Override with `-c corsAllowOrigins=a,b`. */
  corsAllowOrigins: string[];
  logRetention: RetentionDays;
  /** Default-stage throttling for the whole API (requests per second, burst). */
  throttle: { rateLimit: number; burstLimit: number };
  /** Keep the table and the user pool when the stack is deleted, and forbid deleting the table. */
  retainData: boolean;
  functionTimeout: Duration;
  /** Where subscribers' mail comes from: a domain verified in SES (DKIM) and the sender on it. */
  mail: { domain: string; from: string };
  /**
   * A city website that serves the subscription and event pages (`/langganan/…`, `/agenda/…`) itself.
   * Without one, mails link to the pages this API renders.
   */
  webUrl?: string;
  /** The weekly digest (functions/digest). */
  digest: DigestConfig;
}

export interface DigestConfig {
  /** When the schedule fires, in Asia/Jakarta time (cron fields). */
  schedule: { weekDay: 'MON' | 'TUE' | 'WED' | 'THU' | 'FRI' | 'SAT' | 'SUN'; hour: number; minute: number };
  /** A trigger this much later than scheduled records the run as skipped instead of sending stale mail. */
  lateAfterHours: number;
  /** The SES account's maximum send rate (messages per second) this digest may use. */
  sesSendRate: number;
  /** Soft bounces before a subscriber is suppressed. */
  softBounceLimit: number;
  /** The programme's postal address, in every digest's footer. */
  postalAddress: string;
}

const POSTAL_ADDRESS =
  'Dinas Koperasi dan UKM Kota Bekasi, Jl. Ir. H. Juanda No. 100, Bekasi Timur, Kota Bekasi, Jawa Barat 17112';

const STAGES: Record<StageConfig['name'], StageConfig> = {
  dev: {
    name: 'dev',
    corsAllowOrigins: ['http://localhost:5173'],
    logRetention: RetentionDays.ONE_MONTH,
    throttle: { rateLimit: 50, burstLimit: 100 },
    retainData: false,
    functionTimeout: Duration.seconds(10),
    mail: {
      domain: 'dev.umkm.bekasikota.go.id',
      from: 'Agenda UMKM Kota Bekasi (dev) <agenda@dev.umkm.bekasikota.go.id>',
    },
    digest: {
      schedule: { weekDay: 'MON', hour: 7, minute: 0 },
      lateAfterHours: 12,
      sesSendRate: 10,
      softBounceLimit: 3,
      postalAddress: POSTAL_ADDRESS,
    },
  },
  prod: {
    name: 'prod',
    corsAllowOrigins: ['https://umkm.bekasikota.go.id'],
    logRetention: RetentionDays.ONE_YEAR,
    throttle: { rateLimit: 500, burstLimit: 1000 },
    retainData: true,
    functionTimeout: Duration.seconds(10),
    mail: { domain: 'umkm.bekasikota.go.id', from: 'Agenda UMKM Kota Bekasi <agenda@umkm.bekasikota.go.id>' },
    digest: {
      schedule: { weekDay: 'MON', hour: 7, minute: 0 },
      lateAfterHours: 12,
      sesSendRate: 100,
      softBounceLimit: 3,
      postalAddress: POSTAL_ADDRESS,
    },
  },
};

export function stageConfig(name: unknown, corsAllowOrigins?: unknown, webUrl?: unknown): StageConfig {
  if (name !== 'dev' && name !== 'prod')
    throw new Error(`Unknown stage ${String(name)}: use -c stage=dev|prod`);
  let config: StageConfig = STAGES[name];
  if (typeof corsAllowOrigins === 'string' && corsAllowOrigins !== '') {
    config = { ...config, corsAllowOrigins: corsAllowOrigins.split(',').map((origin) => origin.trim()) };
  }
  if (typeof webUrl === 'string' && webUrl !== '') {
    if (!URL.canParse(webUrl) || new URL(webUrl).protocol !== 'https:')
      throw new Error(`webUrl must be an https:// URL, not ${webUrl}`);
    config = { ...config, webUrl: webUrl.replace(/\/+$/, '') };
  }
  return config;
}
