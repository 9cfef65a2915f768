import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  RotateSecretCommand,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  LEGACY_KEY_ID,
  linksStillValidUntil,
  parseKeyring,
  rotateKeyring,
  type Keyring,
} from '../../functions/subscriptions/keyring.ts';
import {
  RotationRefused,
  localKeyringFile,
  rotateLocal,
  rotateStage,
} from '../../lib/ops/secret-rotation.ts';

type Tokens = typeof import('../../functions/subscriptions/tokens.ts');
const DAY = 86_400_000;
const KEY_A = 'a'.repeat(40);
const KEY_B = 'b'.repeat(40);
const LEGACY = 'legacy-secret-0123456789abcdef-0123456789';

/** tokens.ts as a function loads it with the given environment (it picks its keyring source at load). */
async function tokensWith(env: Record<string, string>): Promise<Tokens> {
  vi.resetModules();
  vi.unstubAllEnvs();
  for (const name of ['SUBSCRIPTION_SECRET_ARN', 'SUBSCRIPTION_KEYS_FILE']) vi.stubEnv(name, undefined);
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  return import('../../functions/subscriptions/tokens.ts');
}
afterEach(() => vi.unstubAllEnvs());

const errorStatus = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { status?: number }).status;
  }
  return 200;
};

describe('the subscription keyring', () => {
  it('reads a bare secret as key k0 that is also the subscriber key', () => {
    const ring = parseKeyring(LEGACY);
    expect(ring.current.id).toBe(LEGACY_KEY_ID);
    expect(ring.subscriber).toBe(LEGACY);
  });

  it('rotates: a new current key, the old one kept as previous, the subscriber key unchanged', () => {
    const now = new Date('2026-12-01T02:00:00Z');
    const once = rotateKeyring(parseKeyring(LEGACY), now, KEY_A);
    expect(once.current).toEqual({
      id: expect.stringMatching(/^k20261201020000000[0-9a-f]{2}$/),
      key: KEY_A,
      since: now.toISOString(),
    });
    expect(once.previous).toMatchObject({ id: LEGACY_KEY_ID, key: LEGACY, retired: now.toISOString() });
    expect(once.subscriber).toBe(LEGACY);
    const later = new Date(now.getTime() + 400 * DAY);
    const twice = rotateKeyring(once, later, KEY_B);
    expect(twice.previous?.id).toBe(once.current.id);
    expect(twice.subscriber).toBe(LEGACY);
    expect(parseKeyring(JSON.stringify(twice))).toEqual(twice);
  });

  it('knows until when a rotation would break links the previous key signed', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    const ring = rotateKeyring(parseKeyring(LEGACY), now, KEY_A);
    expect(linksStillValidUntil(ring, new Date(now.getTime() + 10 * DAY))?.toISOString()).toBe(
      '2027-12-01T00:00:00.000Z',
    );
    expect(linksStillValidUntil(ring, new Date(now.getTime() + 366 * DAY))).toBeUndefined();
  });

  it('rejects malformed keyrings and short keys', () => {
    for (const text of [
      'short',
      '{}',
      '{"subscriber":"x","current":{}}',
      JSON.stringify({ subscriber: KEY_A, current: { id: 'bad id', key: KEY_B, since: 'x' } }),
    ])
      expect(() => parseKeyring(text), text).toThrow();
  });
});

describe('link tokens across a rotation', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'umkm-keys-'));

  it('verifies links signed with the old key after a rotation, and signs new ones with the new key', async () => {
    const directory = dir();
    writeFileSync(join(directory, 'subscription-secret'), LEGACY);
    const file = localKeyringFile(directory);
    const tokens = await tokensWith({ SUBSCRIPTION_KEYS_FILE: file });
    const subscriber = tokens.subscriberIdOf('siti@example.com');
    const before = tokens.signToken('manage', 'sub-1');
    const legacyStyle = (await tokensWith({ SUBSCRIPTION_SECRET: LEGACY })).signToken('manage', 'sub-1');

    const rotated = rotateLocal(directory);
    const after = await tokensWith({ SUBSCRIPTION_KEYS_FILE: file });
    expect(after.verifyToken(before, 'manage', 'query')).toBe('sub-1');
    expect(after.verifyToken(legacyStyle, 'manage', 'query')).toBe('sub-1');
    const fresh = after.signToken('manage', 'sub-1');
    expect(JSON.parse(Buffer.from(fresh.split('.')[0]!, 'base64url').toString())).toMatchObject({
      k: rotated.keyId,
    });
    expect(after.verifyToken(fresh, 'manage', 'query')).toBe('sub-1');
    // Subscribers keep their ids: the subscriber key never rotates.
    expect(after.subscriberIdOf('siti@example.com')).toBe(subscriber);
  });

  it('picks up a rotation of the file without a restart', async () => {
    const directory = dir();
    const file = localKeyringFile(directory);
    const tokens = await tokensWith({ SUBSCRIPTION_KEYS_FILE: file });
    const first = tokens.signToken('confirm', 'sub-1');
    const { keyId } = rotateLocal(directory);
    const second = tokens.signToken('confirm', 'sub-1');
    expect(second).not.toBe(first);
    expect(JSON.parse(Buffer.from(second.split('.')[0]!, 'base64url').toString())).toMatchObject({
      k: keyId,
    });
    expect(tokens.verifyToken(first, 'confirm', 'body')).toBe('sub-1');
  });

  it('rejects a link whose key was dropped by a second rotation, and unknown key ids', async () => {
    const directory = dir();
    const file = localKeyringFile(directory);
    const tokens = await tokensWith({ SUBSCRIPTION_KEYS_FILE: file });
    const old = tokens.signToken('manage', 'sub-1');
    rotateLocal(directory);
    expect(() => rotateLocal(directory)).toThrow(RotationRefused);
    rotateLocal(directory, { force: true });
    expect(errorStatus(() => tokens.verifyToken(old, 'manage', 'query'))).toBe(400);

    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 24 }), (kid) => {
        fc.pre(kid !== JSON.parse(readFileSync(file, 'utf8')).current.id);
        const payload = Buffer.from(
          JSON.stringify({ p: 'manage', s: 'sub-1', e: 4_000_000_000, k: kid }),
        ).toString('base64url');
        const signature = old.split('.')[1];
        return errorStatus(() => tokens.verifyToken(`${payload}.${signature}`, 'manage', 'query')) === 400;
      }),
    );
  });

  it('rejects an expired link signed with a key the ring still holds (410)', async () => {
    const tokens = await tokensWith({ SUBSCRIPTION_SECRET: LEGACY });
    const expired = tokens.signToken('confirm', 'sub-1', Date.now() - 3 * DAY);
    expect(errorStatus(() => tokens.verifyToken(expired, 'confirm', 'body'))).toBe(410);
  });

  it('rejects a token that names the previous key but was signed with the current one', async () => {
    const directory = dir();
    const file = localKeyringFile(directory);
    rotateLocal(directory);
    const tokens = await tokensWith({ SUBSCRIPTION_KEYS_FILE: file });
    const ring = JSON.parse(readFileSync(file, 'utf8')) as Keyring;
    const good = tokens.signToken('manage', 'sub-1');
    const body = JSON.parse(Buffer.from(good.split('.')[0]!, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const relabelled = Buffer.from(JSON.stringify({ ...body, k: ring.previous?.id })).toString('base64url');
    expect(
      errorStatus(() => tokens.verifyToken(`${relabelled}.${good.split('.')[1]}`, 'manage', 'query')),
    ).toBe(400);
  });
});

describe('the keyring in AWS, through the secrets extension', () => {
  let server: Server;
  let requests: { url?: string; token?: string }[];
  let secretString: string;
  beforeEach(async () => {
    requests = [];
    secretString = JSON.stringify(rotateKeyring(parseKeyring(LEGACY), new Date(), KEY_A));
    server = createServer((request, response) => {
      requests.push({ url: request.url, token: request.headers['x-aws-parameters-secrets-token'] as string });
      response.end(JSON.stringify({ SecretString: secretString }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterEach(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );

  it('loads the ring before the first invocation, with the session token, and caches it', async () => {
    const tokens = await tokensWith({
      SUBSCRIPTION_SECRET_ARN: 'arn:aws:secretsmanager:ap-southeast-3:111122223333:secret:keys-AbCdEf',
      PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String((server.address() as AddressInfo).port),
      AWS_SESSION_TOKEN: 'session-token',
    });
    const { prerequisites } = await import('../../functions/shared/prerequisites.ts');
    expect(() => tokens.signToken('manage', 'sub-1')).toThrow(/not loaded/);
    await prerequisites();
    await prerequisites();
    expect(requests).toEqual([
      {
        url: '/secretsmanager/get?secretId=arn%3Aaws%3Asecretsmanager%3Aap-southeast-3%3A111122223333%3Asecret%3Akeys-AbCdEf',
        token: 'session-token',
      },
    ]);
    const token = tokens.signToken('manage', 'sub-1');
    expect(tokens.verifyToken(token, 'manage', 'query')).toBe('sub-1');
    expect(tokens.subscriberIdOf('a@b.id')).toBe(
      (await tokensWith({ SUBSCRIPTION_SECRET: LEGACY })).subscriberIdOf('a@b.id'),
    );
  });
});

describe('the rotation worker (Secrets Manager mocked)', () => {
  const sm = mockClient(SecretsManagerClient);
  const SecretId = 'arn:aws:secretsmanager:ap-southeast-3:111122223333:secret:keys-AbCdEf';
  beforeEach(() => sm.reset());
  const rotation = async () => (await import('../../functions/subscriptions/rotate-keys.ts')).handler;

  it('creates the rotated ring as AWSPENDING, once', async () => {
    const handler = await rotation();
    sm.on(DescribeSecretCommand).resolves({
      RotationEnabled: true,
      VersionIdsToStages: { v1: ['AWSCURRENT'], v2: ['AWSPENDING'] },
    });
    sm.on(GetSecretValueCommand, { SecretId, VersionStage: 'AWSPENDING', VersionId: 'v2' }).rejects(
      new ResourceNotFoundException({ message: 'none', $metadata: {} }),
    );
    sm.on(GetSecretValueCommand, { SecretId, VersionStage: 'AWSCURRENT' }).resolves({ SecretString: LEGACY });
    await handler({ Step: 'createSecret', SecretId, ClientRequestToken: 'v2' });
    expect(sm).toHaveReceivedCommandTimes(PutSecretValueCommand, 1);
    const put = sm.commandCalls(PutSecretValueCommand)[0]!.args[0].input;
    expect(put).toMatchObject({ SecretId, ClientRequestToken: 'v2', VersionStages: ['AWSPENDING'] });
    const ring = parseKeyring(put.SecretString!);
    expect(ring.previous).toMatchObject({ id: LEGACY_KEY_ID, key: LEGACY });
    expect(ring.subscriber).toBe(LEGACY);

    sm.on(GetSecretValueCommand, { SecretId, VersionStage: 'AWSPENDING', VersionId: 'v2' }).resolves({
      SecretString: put.SecretString,
    });
    await handler({ Step: 'createSecret', SecretId, ClientRequestToken: 'v2' });
    expect(sm).toHaveReceivedCommandTimes(PutSecretValueCommand, 1);
  });

  it('makes the pending version current at finishSecret, and refuses a foreign token', async () => {
    const handler = await rotation();
    sm.on(DescribeSecretCommand).resolves({
      RotationEnabled: true,
      VersionIdsToStages: { v1: ['AWSCURRENT'], v2: ['AWSPENDING'] },
    });
    await handler({ Step: 'finishSecret', SecretId, ClientRequestToken: 'v2' });
    expect(sm).toHaveReceivedCommandWith(UpdateSecretVersionStageCommand, {
      SecretId,
      VersionStage: 'AWSCURRENT',
      MoveToVersionId: 'v2',
      RemoveFromVersionId: 'v1',
    });
    await expect(handler({ Step: 'finishSecret', SecretId, ClientRequestToken: 'v9' })).rejects.toThrow(
      /not a version/,
    );
  });
});

describe('npm run secret:rotate against a stage (Secrets Manager mocked)', () => {
  const sm = mockClient(SecretsManagerClient);
  beforeEach(() => {
    sm.reset();
    sm.on(ListSecretsCommand).resolves({ SecretList: [{ ARN: 'arn:keys' }] });
    sm.on(DescribeSecretCommand).resolves({ RotationEnabled: true });
  });

  it('starts the rotation worker when no live link depends on the key it drops', async () => {
    sm.on(GetSecretValueCommand).resolves({ SecretString: LEGACY });
    const result = await rotateStage(new SecretsManagerClient({}), 'prod');
    expect(result).toMatchObject({ secretArn: 'arn:keys', previousKeyId: LEGACY_KEY_ID });
    expect(sm).toHaveReceivedCommandWith(RotateSecretCommand, {
      SecretId: 'arn:keys',
      RotateImmediately: true,
    });
    expect(sm).toHaveReceivedCommandWith(ListSecretsCommand, {
      Filters: expect.arrayContaining([{ Key: 'tag-value', Values: ['UmkmHub-prod'] }]),
    });
  });

  it('refuses to drop a key retired less than a year ago unless forced', async () => {
    const ring = rotateKeyring(parseKeyring(LEGACY), new Date(Date.now() - 30 * DAY), KEY_A);
    sm.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(ring) });
    await expect(rotateStage(new SecretsManagerClient({}), 'prod')).rejects.toThrow(RotationRefused);
    expect(sm).not.toHaveReceivedCommand(RotateSecretCommand);
    await rotateStage(new SecretsManagerClient({}), 'prod', { force: true });
    expect(sm).toHaveReceivedCommand(RotateSecretCommand);
  });
});
