import { createHmac, timingSafeEqual } from 'node:crypto';
import { requireEnv } from '../shared/config.ts';
import { HttpProblem, badRequest, type FieldLocation } from '../shared/problem.ts';

/**
 * Signed, expiring, single-purpose tokens for links in emails, and the subscriber key. Both are HMAC-SHA256
 * under the one subscription secret (from the environment; in AWS a Secrets Manager secret the stack
 * generates), each with its own label so that one can never stand in for the other.
 */
const secret = requireEnv('SUBSCRIPTION_SECRET');

const mac = (label: string, value: string) =>
  createHmac('sha256', secret).update(`${label}\n${value}`).digest('base64url');

/** The subscriber's key: an HMAC of the normalised address, so the key never reveals the address. */
export const subscriberIdOf = (normalisedEmail: string) => mac('subscriber', normalisedEmail);

export type TokenPurpose = 'confirm' | 'manage';

/** Confirmation links live two days; preference and unsubscribe links a year (every mail brings new ones). */
export const TOKEN_LIFETIME_SECONDS: Record<TokenPurpose, number> = {
  confirm: 2 * 24 * 3600,
  manage: 365 * 24 * 3600,
};

interface TokenBody {
  /** purpose */
  p: TokenPurpose;
  /** subscriber id */
  s: string;
  /** expiry, epoch seconds */
  e: number;
}

export function signToken(purpose: TokenPurpose, subscriberId: string, nowMs = Date.now()): string {
  const body: TokenBody = {
    p: purpose,
    s: subscriberId,
    e: Math.floor(nowMs / 1000) + TOKEN_LIFETIME_SECONDS[purpose],
  };
  const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${payload}.${mac(`token:${purpose}`, payload)}`;
}

/** When the token expires, for the email that carries it. */
export const tokenExpiry = (token: string): Date => {
  const body = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as TokenBody;
  return new Date(body.e * 1000);
};

const invalid = (location: FieldLocation) =>
  badRequest('The link is not valid.', [
    { in: location, path: 'token', code: 'invalid_token', message: 'Not a valid link token.' },
  ]);

/**
 * The subscriber id a token names, if it is ours, for this purpose, and not expired. A forged or
 * wrong-purpose token is a 400 and an expired one a 410; neither says whether the subscriber exists.
 */
export function verifyToken(
  token: string,
  purpose: TokenPurpose,
  location: FieldLocation,
  nowMs = Date.now(),
): string {
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0) throw invalid(location);
  const expected = Buffer.from(mac(`token:${purpose}`, payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid(location);
  let body: Partial<TokenBody>;
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<TokenBody>;
  } catch {
    throw invalid(location);
  }
  if (body.p !== purpose || typeof body.s !== 'string' || typeof body.e !== 'number') throw invalid(location);
  if (body.e * 1000 <= nowMs) throw new HttpProblem(410, 'The link has expired; ask for a new one.');
  return body.s;
}
