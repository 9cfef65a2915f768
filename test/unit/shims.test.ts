import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as discovery from '@aws-sdk/middleware-endpoint-discovery';
import { Sha256Node } from '@smithy/core/checksum';
import { describe, expect, it } from 'vitest';
import * as discoveryShim from '../../lib/shims/endpoint-discovery.ts';
import { Sha256 } from '../../lib/shims/sha256.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

describe('the Sha256 shim (for @smithy/core/checksum)', () => {
  it('hashes and signs exactly as the SDK’s Sha256Node', async () => {
    const inputs = ['', 'abc', 'x'.repeat(10_000), new Uint8Array([0, 1, 2, 255])];
    for (const secret of [undefined, 'key', new Uint8Array([1, 2, 3])]) {
      for (const input of inputs) {
        const ours = new Sha256(secret);
        const theirs = new Sha256Node(secret);
        ours.update(input);
        theirs.update(input as Uint8Array); // the SDK's type is narrower than what it takes
        expect(hex(await ours.digest())).toBe(hex(await theirs.digest()));
      }
    }
  });

  it('keeps the hash usable after a digest, as the original does', async () => {
    const ours = new Sha256();
    ours.update('a');
    await ours.digest();
    ours.update('b');
    const theirs = new Sha256Node();
    theirs.update(Buffer.from('ab'));
    expect(hex(await ours.digest())).toBe(hex(await theirs.digest()));
  });
});

describe('the endpoint-discovery shim (for @aws-sdk/middleware-endpoint-discovery)', () => {
  it('resolves the same settings as the original, without the unread endpoint cache', () => {
    const ctor = class DescribeEndpoints {};
    for (const input of [{}, { endpointDiscoveryEnabled: true }, { endpointDiscoveryEnabled: false }]) {
      const { endpointCache, ...original } = discovery.resolveEndpointDiscoveryConfig({ ...input } as never, {
        endpointDiscoveryCommandCtor: ctor,
      }) as unknown as Record<string, unknown>;
      expect(endpointCache).toBeDefined();
      const ours = discoveryShim.resolveEndpointDiscoveryConfig(
        { ...input },
        { endpointDiscoveryCommandCtor: ctor },
      );
      expect(Object.keys(ours).sort()).toEqual(Object.keys(original).sort());
      expect(ours.isClientEndpointDiscoveryEnabled).toBe(original.isClientEndpointDiscoveryEnabled);
    }
  });

  it('reads the environment and config file as the original does', () => {
    const envs = [{}, { AWS_ENABLE_ENDPOINT_DISCOVERY: 'true' }, { AWS_ENDPOINT_DISCOVERY_ENABLED: '0' }];
    for (const env of envs) {
      expect(discoveryShim.NODE_ENDPOINT_DISCOVERY_CONFIG_OPTIONS.environmentVariableSelector(env)).toBe(
        discovery.NODE_ENDPOINT_DISCOVERY_CONFIG_OPTIONS.environmentVariableSelector(env),
      );
    }
    for (const profile of [
      {},
      { endpoint_discovery_enabled: 'false' },
      { endpoint_discovery_enabled: '1' },
    ]) {
      expect(discoveryShim.NODE_ENDPOINT_DISCOVERY_CONFIG_OPTIONS.configFileSelector(profile)).toBe(
        discovery.NODE_ENDPOINT_DISCOVERY_CONFIG_OPTIONS.configFileSelector(profile),
      );
    }
  });

  it('is safe because no DynamoDB command uses endpoint discovery (re-check on SDK upgrades)', () => {
    const require = createRequire(import.meta.url);
    const dist = join(dirname(require.resolve('@aws-sdk/client-dynamodb/package.json')), 'dist-es');
    const users = readdirSync(dist, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.js'))
      .filter((file) => /getEndpointDiscovery|endpointCache/.test(readFileSync(join(dist, file), 'utf8')));
    expect(users).toEqual([]);
  });
});
