import { spawnSync } from 'node:child_process';
import { describe, expect, inject, it } from 'vitest';

/*
 * `npm run digest` against the running local stack (its DynamoDB Local and SES stand-in): the command's
 * wiring and its answers. The resume itself (a run stopped part-way, finished with nobody mailed twice) is
 * tested in test/integration/digest-resume.test.ts through the same `resumeDigest` and local queue.
 * No run is started here: other suites' subscribers on this stack would get a digest.
 */
const digest = (...args: string[]) =>
  spawnSync('node_modules/.bin/tsx', ['bin/digest.ts', ...args], {
    env: {
      ...process.env,
      UMKM_LOCAL_DIR: inject('localDir'),
      PORT: new URL(inject('apiUrl')).port,
      DYNAMODB_PORT: String(inject('dynamoDbPort')),
      SES_PORT: new URL(inject('sesUrl')).port,
      S3_PORT: new URL(inject('s3Url')).port,
    },
    encoding: 'utf8',
  });

describe('npm run digest -- --resume on the running local stack', () => {
  it('says there is nothing to resume when the run does not exist, and fails', () => {
    const named = digest('--resume', '2001-W01');
    expect(named.stderr).toContain('No digest run 2001-W01 in the local table.');
    expect(named.status).toBe(1);
  });

  it('refuses a malformed run id and --resume with --force-week, before touching anything', () => {
    const bad = digest('--resume', 'minggu-lalu');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('Not a run id: minggu-lalu');
    const both = digest('--resume', '--force-week');
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('exclude each other');
    expect(digest('--help').stdout).toContain('--resume [RUN_ID]');
  });
});
