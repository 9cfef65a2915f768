import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CORS_ORIGINS, localSettings, SettingsError } from '../../lib/local/settings.ts';

const run = promisify(execFile);

describe('the local settings every script reads', () => {
  it('defaults to the ports and folder npm start documents', () => {
    const settings = localSettings({});
    expect(settings).toMatchObject({ port: 3000, dynamoDbPort: 8000, sesPort: 8005, s3Port: 4568 });
    expect(settings.directory).toMatch(/\.local$/);
    expect(settings.corsAllowOrigins).toEqual(DEFAULT_CORS_ORIGINS);
  });

  it('takes other ports, folder and CORS origins from the environment', () => {
    const settings = localSettings({
      PORT: '4000',
      DYNAMODB_PORT: '4001',
      SES_PORT: '4002',
      S3_PORT: '4003',
      UMKM_LOCAL_DIR: '/tmp/umkm-x',
      CORS_ALLOW_ORIGINS: 'https://a.example, http://localhost:3001',
    });
    expect(settings).toEqual({
      port: 4000,
      dynamoDbPort: 4001,
      sesPort: 4002,
      s3Port: 4003,
      directory: '/tmp/umkm-x',
      corsAllowOrigins: ['https://a.example', 'http://localhost:3001'],
    });
    expect(localSettings({ CORS_ALLOW_ORIGINS: '' }).corsAllowOrigins).toEqual([]);
  });

  it('refuses a bad port or origin with a message naming the variable', () => {
    expect(() => localSettings({ PORT: 'abc' })).toThrow(
      new SettingsError('PORT must be a port number (0–65535)'),
    );
    expect(() => localSettings({ SES_PORT: '70000' })).toThrow(/SES_PORT/);
    expect(() => localSettings({ CORS_ALLOW_ORIGINS: 'https://a.example/path' })).toThrow(
      /did you mean https:\/\/a.example/,
    );
  });

  // Each script: `--help` prints its usage and the shared settings; a bad option or setting prints one
  // line, never a stack trace.
  for (const script of ['bin/local.ts', 'bin/token.ts', 'bin/digest.ts', 'bin/openapi.ts']) {
    it(`${script} answers --help, and a bad option without a stack trace`, async () => {
      const help = await run('node_modules/.bin/tsx', [script, '--help']);
      expect(help.stdout).toMatch(/^Usage: npm /);
      if (script !== 'bin/openapi.ts') expect(help.stdout).toContain('UMKM_LOCAL_DIR');
      if (script === 'bin/openapi.ts') return;
      const bad = await run('node_modules/.bin/tsx', [script, '--no-such-option'], {
        env: { ...process.env, UMKM_LOCAL_DIR: '/nonexistent-umkm' },
      }).catch((error: { code: number; stderr: string }) => error);
      expect(bad).toMatchObject({ code: 2 });
      expect((bad as { stderr: string }).stderr).not.toMatch(/\n\s+at /);
    }, 60_000);
  }
});
