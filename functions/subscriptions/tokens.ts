import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { HttpProblem, badRequest, type FieldLocation } from '../shared/problem.ts';
import { beforeEachInvocation } from '../shared/prerequisites.ts';
import { readSecret } from '../shared/secrets.ts';
import { LEGACY_KEY_ID, LONGEST_LINK_SECONDS, parseKeyring, verifyingKey, type Keyring } from './keyring.ts';

/**
 * Signed, expiring, single-purpose tokens for links in emails, and the subscriber key. Both are HMAC-SHA256
 * under the subscription keyring (`keyring.ts`), each with its own label so that one can never stand in for
 * the other. A token names the key that signed it, so that after a rotation the links already mailed keep
 * working until they expire while new links use the new key.
 *
 * Where the keyring comes from, first match:
 * - `SUBSCRIPTION_SECRET_ARN` (AWS): the Secrets Manager secret, through the AWS Parameters and Secrets
 *   Lambda extension on localhost (no SDK client in the bundle), before the first invocation and again
 *   when the cached copy is five minutes old, so a rotation reaches warm functions within minutes;
 * - `SUBSCRIPTION_KEYS_FILE` (the local stack): a file, read again whenever it is replaced;
 * - `SUBSCRIPTION_SECRET` (tests, benchmarks): the keyring's text itself.
 */
const REFRESH_MS = 5 * 60 * 1000;
const secretArn = process.env.SUBSCRIPTION_SECRET_ARN;
const keysFile = process.env.SUBSCRIPTION_KEYS_FILE;
let ring: { keyring: Keyring; loadedAt: number; version?: string } | undefined;

if (secretArn) {
  beforeEachInvocation(async () => {
    if (ring && Date.now() - ring.loadedAt < REFRESH_MS) return;
    ring = { keyring: parseKeyring(await readSecret(secretArn)), loadedAt: Date.now() };
  });
} else if (!keysFile) {
  const text = process.env.SUBSCRIPTION_SECRET;
  if (!text)
    throw new Error(
      'Environment variable SUBSCRIPTION_SECRET_ARN, SUBSCRIPTION_KEYS_FILE or SUBSCRIPTION_SECRET is not set',
    );
  ring = { keyring: parseKeyring(text), loadedAt: Date.now() };
}

function keyring(): Keyring {
  if (keysFile) {
    // Rotation renames a new file into place: a new inode, even within the file system's clock tick.
    const { ino, mtimeMs } = statSync(keysFile);
    const version = `${ino}:${mtimeMs}`;
    if (ring?.version !== version)
      ring = { keyring: parseKeyring(readFileSync(keysFile, 'utf8')), loadedAt: Date.now(), version };
  }
  if (!ring) throw new Error('The subscription keyring is not loaded: await prerequisites() first');
  return ring.keyring;
}

const mac = (key: string, label: string, value: string) =>
  createHmac('sha256', key).update(`${label}\n${value}`).digest('base64url');

/** The subscriber's key: an HMAC of the normalised address, so the key never reveals the address. */
export const subscriberIdOf = (normalisedEmail: string) =>
  mac(keyring().subscriber, 'subscriber', normalisedEmail);

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
  /** the id of the key that signed it (absent on links mailed before key ids) */
  k?: string;
}

if (Math.max(...Object.values(TOKEN_LIFETIME_SECONDS)) > LONGEST_LINK_SECONDS)
  throw new Error('A link outlives what key rotation keeps (keyring.ts LONGEST_LINK_SECONDS)');

/** A link token, signed with the keyring's current key and naming it. */
export function signToken(purpose: TokenPurpose, subscriberId: string, nowMs = Date.now()): string {
  const { current } = keyring();
  const body: TokenBody = {
    p: purpose,
    s: subscriberId,
    e: Math.floor(nowMs / 1000) + TOKEN_LIFETIME_SECONDS[purpose],
    k: current.id,
  };
  const payload = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${payload}.${mac(current.key, `token:${purpose}`, payload)}`;
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
  // The key id is read before the signature is checked, only to choose the key: a forged id finds no key
  // or the wrong one, and the signature check below fails either way.
  let body: Partial<TokenBody>;
  try {
    body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<TokenBody>;
  } catch {
    throw invalid(location);
  }
  if (typeof body !== 'object' || body === null) throw invalid(location);
  const key = verifyingKey(keyring(), typeof body.k === 'string' ? body.k : LEGACY_KEY_ID);
  if (key === undefined || (body.k !== undefined && typeof body.k !== 'string')) throw invalid(location);
  const expected = Buffer.from(mac(key, `token:${purpose}`, payload));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid(location);
  if (body.p !== purpose || typeof body.s !== 'string' || typeof body.e !== 'number') throw invalid(location);
  if (body.e * 1000 <= nowMs) throw new HttpProblem(410, 'The link has expired; ask for a new one.');
  return body.s;
}
