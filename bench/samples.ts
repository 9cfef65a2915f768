import { SESv2Client } from '@aws-sdk/client-sesv2';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { registration } from '../test/helpers/businesses.ts';

/** The AWS clients of the functions, stubbed to answer at once (`{}` unless a sample says more). */
export interface AwsStubs {
  ddb: AwsClientStub<DynamoDBDocumentClient>;
  ses: AwsClientStub<SESv2Client>;
}

export function stubAws(): AwsStubs {
  return { ddb: mockClient(DynamoDBDocumentClient), ses: mockClient(SESv2Client) };
}

export function resetStubs(stubs: AwsStubs): void {
  stubs.ddb.reset().onAnyCommand().resolves({});
  stubs.ses.reset().onAnyCommand().resolves({});
}

/**
 * A valid request to one route, as a frontend would send it. The route is found from `path` through the
 * manifest, so path parameters need not be repeated. Add a row with each route: a route without one is
 * listed as skipped by `npm run bench`.
 */
export interface Sample {
  /** Path and query string, e.g. `/regions/32.75.01`. */
  path: string;
  /** Signed in with this role (claims as the JWT authorizer passes them; a dev token end to end). */
  role?: 'owner' | 'operator';
  /** JSON body; a function of a counter when each request must differ (unique keys on writes). */
  body?: unknown;
  /** The status a correct answer has; every invocation is checked. */
  status: number;
  /** DynamoDB or SES answers the handler needs beyond the default `{}` (warm overhead only). */
  stub?: (stubs: AwsStubs) => void;
}

/** Every browser request carries an Origin: the CORS middleware does its full work. */
export const SAMPLE_ORIGIN = 'https://umkm.bekasikota.go.id';

/** Keyed by the manifest's route id; `$default` is the fallback function. */
export const samples: Record<string, Sample> = {
  getHealth: { path: '/health', status: 200 },
  listRegions: { path: '/regions', status: 200 },
  getRegion: { path: '/regions/32.75.01', status: 200 },
  getMe: { path: '/me', role: 'owner', status: 200 },
  listSurveys: { path: '/surveys?limit=20', role: 'operator', status: 200 },
  listDigests: { path: '/digests?limit=10', role: 'operator', status: 200 },
  getDigest: {
    path: '/digests/2026-W49',
    role: 'operator',
    status: 200,
    stub: ({ ddb }) =>
      ddb.onAnyCommand().resolves({
        Item: {
          runId: '2026-W49',
          week: '2026-W49',
          state: 'done',
          scheduledAt: '2026-11-30T00:00:00.000Z',
          startedAt: '2026-11-30T00:00:01.000Z',
          shardCount: 16,
          shardsDone: 16,
          batchesPlanned: 20,
          batchesDone: 20,
          events: 12,
          cancellations: 1,
          planned: 1000,
          sent: 998,
          failed: 2,
          suppressed: 1,
          skipped: 40,
        },
      }),
  },
  $default: { path: '/no-such-route', status: 404 },
  registerBusiness: {
    path: '/businesses',
    role: 'owner',
    body: (n: number) => registration({ nib: String(8_000_000_000_000 + n) }),
    status: 201,
  },
  listBusinesses: {
    path: '/businesses?kecamatan=32.75.01&status=pending&limit=20',
    role: 'operator',
    status: 200,
    stub: ({ ddb }) => ddb.on(QueryCommand).resolves({ Items: [] }),
  },
  businessStats: {
    path: '/stats/businesses',
    role: 'operator',
    status: 200,
    stub: ({ ddb }) => ddb.on(QueryCommand).resolves({ Items: [] }),
  },
  listEvents: {
    path: '/events?kecamatan=32.75.01&limit=20',
    status: 200,
    stub: ({ ddb }) => ddb.on(QueryCommand).resolves({ Items: [] }),
  },
  createSubscription: {
    path: '/subscriptions',
    body: (n: number) => ({ email: `pembaca${n}@example.com`, language: 'id' }),
    status: 202,
  },
};

/** The request body of the `n`th request built from a sample, serialised. */
export function sampleBody(sample: Sample, n: number): string | undefined {
  if (sample.body === undefined) return undefined;
  const body: unknown =
    typeof sample.body === 'function' ? (sample.body as (n: number) => unknown)(n) : sample.body;
  return JSON.stringify(body);
}
