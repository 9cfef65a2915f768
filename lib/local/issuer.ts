import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK, type JWTPayload } from 'jose';
import { randomUUID } from 'node:crypto';
import { OPERATORS_GROUP } from '../../functions/shared/auth.ts';

/**
 * The local dev issuer: it signs tokens with a key kept under `.local/`, and the local server verifies
 * them the way API Gateway's JWT authorizer verifies Cognito's (signature, issuer, audience, expiry).
 */
export const DEV_ISSUER = 'https://dev-issuer.umkm-hub.localhost';
export const DEV_AUDIENCE = 'umkm-hub-local';
const ALGORITHM = 'ES256';

export type DevRole = 'owner' | 'operator';

export interface DevIssuer {
  /** `email` adds a verified `email` claim, as Cognito's id token carries one. */
  sign(options: { role: DevRole; sub?: string; email?: string; expiresIn?: string }): Promise<string>;
  /** The verified claims, or undefined for any token the JWT authorizer would refuse. */
  verify(token: string): Promise<JWTPayload | undefined>;
  publicJwk: JWK;
}

async function loadOrCreateKey(keyFile: string): Promise<JWK> {
  if (existsSync(keyFile)) return JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
  const { privateKey } = await generateKeyPair(ALGORITHM, { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: randomUUID(), alg: ALGORITHM };
  mkdirSync(dirname(keyFile), { recursive: true });
  writeFileSync(keyFile, JSON.stringify(jwk), { mode: 0o600 });
  return jwk;
}

export async function devIssuer(keyFile: string): Promise<DevIssuer> {
  const privateJwk = await loadOrCreateKey(keyFile);
  const { d: _private, ...publicJwk } = privateJwk;
  const privateKey = await importJWK(privateJwk, ALGORITHM);
  const publicKey = await importJWK(publicJwk, ALGORITHM);
  return {
    publicJwk,
    sign: ({ role, sub, email, expiresIn = '12h' }) =>
      new SignJWT({
        'cognito:groups': role === 'operator' ? [OPERATORS_GROUP] : [],
        token_use: 'id',
        ...(email ? { email, email_verified: true } : {}),
      })
        .setProtectedHeader({ alg: ALGORITHM, kid: privateJwk.kid ?? '' })
        .setSubject(sub ?? `dev-${role}-${randomUUID()}`)
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setIssuedAt()
        .setExpirationTime(expiresIn)
        .sign(privateKey),
    verify: async (token) => {
      try {
        const { payload } = await jwtVerify(token, publicKey, {
          issuer: DEV_ISSUER,
          audience: DEV_AUDIENCE,
          algorithms: [ALGORITHM],
        });
        return payload;
      } catch {
        return undefined;
      }
    },
  };
}
