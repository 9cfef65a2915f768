import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { bundleIndex, functionModuleUrl } from '../../lib/local/bundles.ts';

const cdkOut = mkdtempSync(join(tmpdir(), 'umkm-cdk-out-'));
const asset = (hash: string, entryPoint: string) => {
  mkdirSync(join(cdkOut, `asset.${hash}`));
  writeFileSync(join(cdkOut, `asset.${hash}`, 'index.mjs'), 'export const handler = () => 1;');
  writeFileSync(
    join(cdkOut, `asset.${hash}`, 'index.meta.json'),
    JSON.stringify({
      inputs: {},
      outputs: { [`cdk.out/bundling-temp-${hash}-building/index.mjs`]: { entryPoint } },
    }),
  );
};
asset('aaa', 'functions/health/get-health.ts');
asset('bbb', 'functions/mailer/send-confirmations.ts');
// A custom resource's asset has no metafile and is left out.
mkdirSync(join(cdkOut, 'asset.ccc'));
afterAll(() => rmSync(cdkOut, { recursive: true, force: true }));
afterEach(() => delete process.env.LOCAL_BUNDLES);

describe('LOCAL_BUNDLES: the local runtime on the cdk.out bundles', () => {
  it('finds each function’s bundle by the entry point in its esbuild metafile', () => {
    expect(Object.fromEntries(bundleIndex(cdkOut))).toEqual({
      'health/get-health.ts': join(cdkOut, 'asset.aaa', 'index.mjs'),
      'mailer/send-confirmations.ts': join(cdkOut, 'asset.bbb', 'index.mjs'),
    });
  });

  it('imports the bundle when set, the TypeScript module when not, and fails loudly on a missing bundle', () => {
    expect(fileURLToPath(functionModuleUrl('health/get-health.ts'))).toMatch(
      /functions\/health\/get-health\.ts$/,
    );
    process.env.LOCAL_BUNDLES = cdkOut;
    expect(fileURLToPath(functionModuleUrl('health/get-health.ts'))).toBe(
      join(cdkOut, 'asset.aaa', 'index.mjs'),
    );
    expect(() => functionModuleUrl('events/create-event.ts')).toThrow(
      /no bundle of functions\/events\/create-event\.ts/,
    );
  });
});
