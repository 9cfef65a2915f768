import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };

const run = promisify(execFile);

/**
 * Every `npm run` script that is one of ours (`tsx <file>`) answers `--help` with its usage and exit 0,
 * without starting anything; those that talk to the local stack name the variables `npm start` reads
 * (lib/local/settings.ts). A script added to package.json is checked without listing it here.
 */
const scripts = Object.entries(packageJson.scripts as Record<string, string>).flatMap(([name, command]) => {
  const file = /^tsx (\S+\.ts)$/.exec(command)?.[1];
  return file ? [{ name, file }] : [];
});
const LOCAL_STACK = new Set(['start', 'token', 'digest', 'import', 'release-suppression', 'secret:rotate']);

describe('every script answers --help', () => {
  it('finds the scripts in package.json', () => {
    expect(scripts.map((script) => script.name)).toEqual(expect.arrayContaining(['start', 'token', 'cost']));
  });

  it.concurrent.each(scripts)(
    'npm run $name -- --help ($file)',
    async ({ name, file }) => {
      const { stdout } = await run('node_modules/.bin/tsx', [file, '--help'], {
        env: { ...process.env, UMKM_LOCAL_DIR: '/nonexistent-umkm-help' },
      });
      expect(stdout).toContain(name === 'start' ? 'npm start' : `npm run ${name}`);
      if (LOCAL_STACK.has(name)) expect(stdout).toContain('UMKM_LOCAL_DIR');
    },
    120_000,
  );
});
