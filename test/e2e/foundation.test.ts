import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { generateKeyPair, SignJWT } from 'jose';
import { describe, expect, inject, it } from 'vitest';
import type { Schema } from '../../clients/typescript/index.ts';
import { DEV_AUDIENCE, DEV_ISSUER, devIssuer } from '../../lib/local/issuer.ts';
import { apiClient } from '../helpers/client.ts';

const api = inject('apiUrl');
const keyFile = join(inject('localDir'), 'dev-issuer.json');
const run = promisify(execFile);
const anyone = apiClient();
/** GET /me as the holder of `token` (the client sends it as a bearer token). */
const me = (token?: string) => apiClient(token).GET('/me');

/** A client call's answer is a problem document with this status. */
function expectProblem(answer: { error?: unknown; response: Response }, status: number) {
  expect(answer.response.status).toBe(status);
  expect(answer.response.headers.get('content-type')).toBe('application/problem+json');
  expect(answer.error).toMatchObject({ status, title: expect.any(String) });
  if (!isProblem(answer.error)) throw new Error('not a problem document');
  return answer.error;
}

const isProblem = (body: unknown): body is Schema<'Problem'> =>
  typeof body === 'object' && body !== null && 'title' in body && 'status' in body;

/** The same for a hand-written request's answer (what the client cannot send: see each call). */
async function expectRawProblem(response: Response, status: number) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(await response.json()).toMatchObject({ status, title: expect.any(String) });
}

describe('the local server, over HTTP', () => {
  it('answers GET /health with version, stage and a table that answers', async () => {
    const { data, response } = await anyone.GET('/health');
    expect(response.status).toBe(200);
    expect(data).toMatchObject({ status: 'ok', stage: 'local', table: 'ok' });
  });

  it('lists 12 kecamatan and 56 kelurahan', async () => {
    const { data } = await anyone.GET('/regions');
    expect(data?.items).toHaveLength(12);
    expect(data?.items.flatMap((k) => k.kelurahan)).toHaveLength(56);
  });

  it('answers one kecamatan, 404 for an unknown code and 400 for a malformed one', async () => {
    const region = (code: string) => anyone.GET('/regions/{code}', { params: { path: { code } } });
    expect((await region('32.75.05')).data?.name).toBe('Rawalumbu');
    expectProblem(await region('32.75.99'), 404);
    const malformed = expectProblem(await region('bekasi'), 400);
    expect(malformed.errors?.map((error) => error.path)).toEqual(['code']);
  });

  it('answers 404 for an unknown path and 405 with Allow for a wrong method', async () => {
    // By hand: neither the path nor the method is in the document, so the client has no way to send them.
    await expectRawProblem(await fetch(`${api}/does-not-exist`), 404);
    const wrongMethod = await fetch(`${api}/regions`, { method: 'DELETE' });
    expect(wrongMethod.headers.get('allow')).toBe('GET');
    await expectRawProblem(wrongMethod, 405);
  });

  it('answers 413 to a body larger than API Gateway takes', async () => {
    // By hand: a 10 MB body of junk, to a method the document does not have.
    const response = await fetch(`${api}/me`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: 'x'.repeat(10 * 1024 * 1024 + 1),
    });
    await expectRawProblem(response, 413);
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
    const { data, response } = await me(token);
    expect(response.status).toBe(200);
    expect(data).toEqual({ sub: 'op-e2e', roles: ['owner', 'operator'] });
  });

  describe('checks tokens as the JWT authorizer does', () => {
    it('401 without a token, or with a malformed one', async () => {
      expectProblem(await me(), 401);
      expectProblem(await me('not-a-jwt'), 401);
      const basic = { authorization: 'Basic dXNlcjpwYXNz' };
      expectProblem(await anyone.GET('/me', { headers: basic }), 401);
    });

    it('401 for an expired token', async () => {
      const issuer = await devIssuer(keyFile);
      const expired = await issuer.sign({ role: 'owner', expiresIn: '-1m' });
      expectProblem(await me(expired), 401);
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
      expectProblem(await me(forged), 401);

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
        expectProblem(await me(token), 401);
      }
    });

    it('200 for a valid owner token, with the owner role only', async () => {
      const token = await (await devIssuer(keyFile)).sign({ role: 'owner', sub: 'owner-e2e' });
      expect((await me(token)).data).toEqual({ sub: 'owner-e2e', roles: ['owner'] });
    });
  });

  it('serves the OpenAPI document it was generated from, and readable docs', async () => {
    // By hand: the document and its viewer are the local server's conveniences, not operations.
    const get = (path: string) => fetch(`${api}${path}`);
    const served = await (await get('/openapi.json')).json();
    const committed = JSON.parse(readFileSync('docs/openapi.json', 'utf8')) as unknown;
    expect(served).toEqual(committed);
    const docs = await get('/docs');
    expect(docs.headers.get('content-type')).toContain('text/html');
    expect(await docs.text()).toContain('swagger-ui');
    expect((await get('/docs/assets/swagger-ui-bundle.js')).status).toBe(200);
  });

  it('answers CORS preflights for allowed origins only', async () => {
    // By hand: a browser's preflight (OPTIONS) is no operation of the document.
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
    const { response: simple } = await anyone.GET('/regions', {
      headers: { origin: 'http://localhost:5173' },
    });
    expect(simple.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });
});
