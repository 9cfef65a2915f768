import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { generateKeyPair, SignJWT } from 'jose';
import { describe, expect, inject, it } from 'vitest';
import { DEV_AUDIENCE, DEV_ISSUER, devIssuer } from '../../lib/local/issuer.ts';

const api = inject('apiUrl');
const keyFile = join(inject('localDir'), 'dev-issuer.json');
const run = promisify(execFile);

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${api}${path}`, { headers });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function expectProblem(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const body = (await response.json()) as { status: number; title: string; type: string };
  expect(body.status).toBe(status);
  expect(body.title).toEqual(expect.any(String));
  return body;
}

describe('the local server, over HTTP', () => {
  it('answers GET /health with version, stage and a table that answers', async () => {
    const response = await get('/health');
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', stage: 'local', table: 'ok' });
  });

  it('lists 12 kecamatan and 56 kelurahan', async () => {
    const body = (await (await get('/regions')).json()) as { items: { kelurahan: unknown[] }[] };
    expect(body.items).toHaveLength(12);
    expect(body.items.flatMap((k) => k.kelurahan)).toHaveLength(56);
  });

  it('answers one kecamatan, 404 for an unknown code and 400 for a malformed one', async () => {
    expect(((await (await get('/regions/32.75.05')).json()) as { name: string }).name).toBe('Rawalumbu');
    await expectProblem(await get('/regions/32.75.99'), 404);
    const malformed = (await expectProblem(await get('/regions/bekasi'), 400)) as unknown as {
      errors: { path: string }[];
    };
    expect(malformed.errors.map((error) => error.path)).toEqual(['code']);
  });

  it('answers 404 for an unknown path and 405 with Allow for a wrong method', async () => {
    await expectProblem(await get('/does-not-exist'), 404);
    const wrongMethod = await fetch(`${api}/regions`, { method: 'DELETE' });
    expect(wrongMethod.headers.get('allow')).toBe('GET');
    await expectProblem(wrongMethod, 405);
  });

  it('answers 413 to a body larger than API Gateway takes', async () => {
    const response = await fetch(`${api}/me`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(10 * 1024 * 1024 + 1),
    });
    await expectProblem(response, 413);
  });

  it('accepts a token from `npm run token` and reads the caller’s roles', async () => {
    const { stdout } = await run(
      'npm',
      ['run', '--silent', 'token', '--', '--role', 'operator', '--sub', 'op-e2e'],
      {
        env: { ...process.env, UMKM_LOCAL_DIR: inject('localDir') },
      },
    );
    const token = stdout.trim();
    expect(token.split('.')).toHaveLength(3);
    const response = await get('/me', bearer(token));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ sub: 'op-e2e', roles: ['owner', 'operator'] });
  });

  describe('checks tokens as the JWT authorizer does', () => {
    it('401 without a token, or with a malformed one', async () => {
      await expectProblem(await get('/me'), 401);
      await expectProblem(await get('/me', { authorization: 'Bearer not-a-jwt' }), 401);
      await expectProblem(await get('/me', { authorization: 'Basic dXNlcjpwYXNz' }), 401);
    });

    it('401 for an expired token', async () => {
      const issuer = await devIssuer(keyFile);
      const expired = await issuer.sign({ role: 'owner', expiresIn: '-1m' });
      await expectProblem(await get('/me', bearer(expired)), 401);
    });

    it('401 for a token signed by another key, or for another audience or issuer', async () => {
      const { privateKey } = await generateKeyPair('ES256');
      const forged = await new SignJWT({})
        .setProtectedHeader({ alg: 'ES256' })
        .setSubject('intruder')
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setExpirationTime('1h')
        .sign(privateKey);
      await expectProblem(await get('/me', bearer(forged)), 401);

      const localKey = JSON.parse(readFileSync(keyFile, 'utf8')) as Record<string, string>;
      const { importJWK } = await import('jose');
      const key = await importJWK(localKey, 'ES256');
      for (const [issuer, audience] of [
        [DEV_ISSUER, 'another-app'],
        ['https://evil.example', DEV_AUDIENCE],
      ]) {
        const token = await new SignJWT({})
          .setProtectedHeader({ alg: 'ES256' })
          .setSubject('someone')
          .setIssuer(issuer as string)
          .setAudience(audience as string)
          .setExpirationTime('1h')
          .sign(key);
        await expectProblem(await get('/me', bearer(token)), 401);
      }
    });

    it('200 for a valid owner token, with the owner role only', async () => {
      const token = await (await devIssuer(keyFile)).sign({ role: 'owner', sub: 'owner-e2e' });
      expect(await (await get('/me', bearer(token))).json()).toEqual({ sub: 'owner-e2e', roles: ['owner'] });
    });
  });

  it('serves the OpenAPI document it was generated from, and readable docs', async () => {
    const served = await (await get('/openapi.json')).json();
    const committed = JSON.parse(readFileSync('docs/openapi.json', 'utf8')) as unknown;
    expect(served).toEqual(committed);
    const docs = await get('/docs');
    expect(docs.headers.get('content-type')).toContain('text/html');
    expect(await docs.text()).toContain('swagger-ui');
    expect((await get('/docs/assets/swagger-ui-bundle.js')).status).toBe(200);
  });

  it('answers CORS preflights for allowed origins only', async () => {
    const preflight = (origin: string) =>
      fetch(`${api}/regions`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET' },
      });
    const allowed = await preflight('http://localhost:5173');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    const configured = await preflight('https://frontend.example.test'); // CORS_ALLOW_ORIGINS (setup.ts)
    expect(configured.headers.get('access-control-allow-origin')).toBe('https://frontend.example.test');
    const refused = await preflight('https://evil.example');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    const simple = await get('/regions', { origin: 'http://localhost:5173' });
    expect(simple.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });
});
