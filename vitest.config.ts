import { defineConfig } from 'vitest/config';

/**
 * Four suites: unit (mocked AWS clients), integration (DynamoDB Local and the SES stand-in, started by
 * the suite), infra (the synthesized CDK stack and its bundles), e2e (HTTP against `bin/local.ts`).
 */
const unitEnv = {
  TABLE_NAME: 'unit-test-table',
  AWS_REGION: 'ap-southeast-3',
  STAGE: 'test',
  APP_VERSION: '9.9.9',
  SUBSCRIPTION_SECRET: 'test-subscription-secret-0123456789abcdef',
  IDENTITY_SECRET: 'test-identity-secret-0123456789abcdef',
  WEB_URL: 'https://umkm.bekasikota.go.id',
  PROGRAMME_ADDRESS: 'Dinas Koperasi dan UKM Kota Bekasi, Jl. Ir. H. Juanda No. 100, Bekasi 17112',
};

const capture = 'test/logs/capture.ts';

export default defineConfig({
  test: {
    // Clears .test-logs/ first and, after every suite, fails the run on personal data in any log line,
    // and on an SDK command a function sent outside its grant (test/iam/check.ts).
    globalSetup: ['test/logs/scan.ts', 'test/iam/check.ts'],
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], env: unitEnv, setupFiles: [capture] } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/setup.ts'],
          setupFiles: [capture, 'test/integration/env.ts'],
          env: unitEnv,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'infra',
          include: ['test/infra/**/*.test.ts'],
          setupFiles: [capture],
          testTimeout: 120_000,
          // The beforeAll synth bundles every function (62 with the pages); on the shared 2-core machine
          // under load that took over 180 s once the ten page functions were added.
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/setup.ts'],
          // contract.ts checks every answer the tests receive against docs/openapi.json.
          setupFiles: [capture, 'test/e2e/contract.ts'],
          testTimeout: 30_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
