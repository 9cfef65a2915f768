import { createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nikGuardKey } from '../../functions/shared/keys.ts';

type Identity = typeof import('../../functions/businesses/identity.ts');
const SECRET = 'identity-secret-for-the-extension-0123456789';
const NIK = '3275014107900001';
const ARN = 'arn:aws:secretsmanager:ap-southeast-3:111122223333:secret:IdentitySecret-AbCdEf';
const expected = nikGuardKey(createHmac('sha256', SECRET).update(`nik\n${NIK}`).digest('base64url'));

/** identity.ts as a function loads it with the given environment (it picks its source at load). */
async function identityWith(env: Record<string, string>) {
  vi.resetModules();
  vi.unstubAllEnvs();
  for (const name of ['IDENTITY_SECRET', 'IDENTITY_SECRET_ARN', 'IDENTITY_SECRET_FILE'])
    vi.stubEnv(name, undefined);
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  const identity: Identity = await import('../../functions/businesses/identity.ts');
  const { prerequisites } = await import('../../functions/shared/prerequisites.ts');
  return { ...identity, prerequisites };
}
afterEach(() => vi.unstubAllEnvs());

describe('the identity secret in AWS, through the secrets extension', () => {
  let server: Server;
  let requests: { url?: string; token?: string }[];
  let status: number;
  beforeEach(async () => {
    requests = [];
    status = 200;
    server = createServer((request, response) => {
      requests.push({ url: request.url, token: request.headers['x-aws-parameters-secrets-token'] as string });
      response.statusCode = status;
      response.end(status === 200 ? JSON.stringify({ SecretString: SECRET }) : '{}');
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
  const awsEnv = () => ({
    IDENTITY_SECRET_ARN: ARN,
    PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String((server.address() as AddressInfo).port),
    AWS_SESSION_TOKEN: 'session-token',
  });

  it('reads it once before the first invocation, with the session token, and keeps it', async () => {
    const identity = await identityWith(awsEnv());
    expect(requests).toEqual([]); // nothing at load: no network call in the cold start's init
    expect(() => identity.nikGuardOf(NIK)).toThrow(/not loaded/);
    await identity.prerequisites();
    await identity.prerequisites();
    await identity.prerequisites();
    expect(requests).toEqual([
      { url: `/secretsmanager/get?secretId=${encodeURIComponent(ARN)}`, token: 'session-token' },
    ]);
    expect(identity.nikGuardOf(NIK)).toEqual(expected);
  });

  it('fails the invocation while the extension fails, and reads again on the next one', async () => {
    const identity = await identityWith(awsEnv());
    status = 500;
    await expect(identity.prerequisites()).rejects.toThrow(/extension answered 500/);
    expect(() => identity.nikGuardOf(NIK)).toThrow(/not loaded/);
    status = 200;
    await identity.prerequisites();
    expect(identity.nikGuardOf(NIK)).toEqual(expected);
    expect(requests).toHaveLength(2);
  });
});

describe('the identity secret elsewhere', () => {
  it('gives the same guard key from a file (the local stack) and from the value (tests, bench)', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'umkm-identity-')), 'identity-secret');
    writeFileSync(file, `${SECRET}\n`);
    expect((await identityWith({ IDENTITY_SECRET_FILE: file })).nikGuardOf(NIK)).toEqual(expected);
    expect((await identityWith({ IDENTITY_SECRET: SECRET })).nikGuardOf(NIK)).toEqual(expected);
  });

  it('refuses to load without a source', async () => {
    await expect(identityWith({})).rejects.toThrow(
      /IDENTITY_SECRET_ARN, IDENTITY_SECRET_FILE or IDENTITY_SECRET/,
    );
  });
});
