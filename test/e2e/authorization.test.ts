import { join } from 'node:path';
import { generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { routes } from '../../functions/routes.ts';
import { DEV_AUDIENCE, DEV_ISSUER, devIssuer } from '../../lib/local/issuer.ts';
import { registration } from '../helpers/businesses.ts';
import { apiClient } from '../helpers/client.ts';

/**
 * The authorisation matrix, from the manifest: every route that is not public, against every kind of bad
 * identity, end to end through the local server (which checks tokens as the JWT authorizer does).
 */
const api = inject('apiUrl');
const keyFile = join(inject('localDir'), 'dev-issuer.json');
const issuer = await devIssuer(keyFile);
const localKey = await importJWK(JSON.parse(readFileSync(keyFile, 'utf8')) as JWK, 'ES256');
const { privateKey: strangerKey } = await generateKeyPair('ES256');

type SigningKey = Parameters<SignJWT['sign']>[0];
const sign = (key: SigningKey, claims: { iss?: string; aud?: string; exp?: string }) =>
  new SignJWT({ 'cognito:groups': ['operators'] })
    .setProtectedHeader({ alg: 'ES256' })
    .setSubject('matrix-user')
    .setIssuer(claims.iss ?? DEV_ISSUER)
    .setAudience(claims.aud ?? DEV_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(claims.exp ?? '1h')
    .sign(key);

const badTokens: Record<string, string | undefined> = {
  'no token': undefined,
  'expired token': await issuer.sign({ role: 'operator', expiresIn: '-5m' }),
  'token signed by another key': await sign(strangerKey, {}),
  'wrong audience': await sign(localKey, { aud: 'some-other-app' }),
  'wrong issuer': await sign(localKey, { iss: 'https://cognito-idp.example/other-pool' }),
};

const SAMPLE_ID = '01JABCDEFGHJKMNPQRSTVWXYZ0';
const concretePath = (path: string, values: Record<string, string> = {}) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? SAMPLE_ID);

// By hand: the matrix walks the manifest's rows (any method, any path, a `{}` body refused only after
// the token is checked), which the client's per-operation types cannot take as strings.
const call = (method: string, path: string, token?: string) =>
  fetch(`${api}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(method === 'PATCH' || method === 'PUT' ? { 'if-match': '"1"' } : {}),
      ...(method === 'GET' || method === 'DELETE' ? {} : { 'content-type': 'application/json' }),
    },
    ...(method === 'GET' || method === 'DELETE' ? {} : { body: '{}' }),
  });

const protectedRoutes = routes.filter((route) => route.access !== 'public');

describe('authorisation matrix', () => {
  for (const route of protectedRoutes) {
    for (const [kind, token] of Object.entries(badTokens)) {
      it(`${route.method} ${route.path}: ${kind} → 401`, async () => {
        const response = await call(route.method, concretePath(route.path), token);
        expect(response.status).toBe(401);
      });
    }
  }

  for (const route of routes.filter((r) => r.access === 'operator')) {
    it(`${route.method} ${route.path}: an owner → 403`, async () => {
      const owner = await issuer.sign({ role: 'owner', sub: 'matrix-owner' });
      const response = await call(route.method, concretePath(route.path), owner);
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    });
  }

  it('owner B gets 404 on every owner route that names owner A’s business', async () => {
    const ownerA = await issuer.sign({ role: 'owner', sub: 'matrix-owner-a' });
    const ownerB = await issuer.sign({ role: 'owner', sub: 'matrix-owner-b' });
    const created = await apiClient(ownerA).POST('/businesses', { body: registration() });
    expect(created.response.status).toBe(201);
    const { id } = created.data!;
    const ownerRoutesOnABusiness = routes.filter(
      (route) => route.access === 'owner' && route.path.startsWith('/businesses/{id}'),
    );
    expect(ownerRoutesOnABusiness.length).toBeGreaterThanOrEqual(3);
    for (const route of ownerRoutesOnABusiness) {
      const response = await call(route.method, concretePath(route.path, { id }), ownerB);
      expect([404], `${route.method} ${route.path}`).toContain(
        response.status === 400 ? 404 : response.status,
      );
    }
    const own = await apiClient(ownerA).GET('/businesses/{id}', { params: { path: { id } } });
    expect(own.response.status).toBe(200);
  });
});
