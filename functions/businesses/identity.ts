import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { nikGuardKey, type TableKey } from '../shared/keys.ts';
import { beforeEachInvocation } from '../shared/prerequisites.ts';
import { readSecret } from '../shared/secrets.ts';

/*
 * One NIK, one person: a NIK belongs to the account that first registered a business under it. Its guard
 * item is keyed by a keyed HMAC of the NIK (never the NIK itself: a plain hash of 16 structured digits is
 * reversed by trying them all), so only functions that may read the identity secret can find a NIK's guard.
 *
 * Where the secret comes from, first match:
 * - `IDENTITY_SECRET_ARN` (AWS): the Secrets Manager secret, read once through the Parameters and Secrets
 *   extension before the first invocation and kept for the life of the execution environment (it is never
 *   rotated: guards are keyed by it), so the value is in no function's configuration;
 * - `IDENTITY_SECRET_FILE` (the local stack): a file, read at load;
 * - `IDENTITY_SECRET` (tests, benchmarks): the value itself.
 */
const secretArn = process.env.IDENTITY_SECRET_ARN;
const secretFile = process.env.IDENTITY_SECRET_FILE;
let secret: string | undefined;

if (secretArn) {
  beforeEachInvocation(async () => {
    secret ??= await readSecret(secretArn);
  });
} else {
  secret = secretFile ? readFileSync(secretFile, 'utf8').trim() : process.env.IDENTITY_SECRET;
  if (!secret)
    throw new Error(
      'Environment variable IDENTITY_SECRET_ARN, IDENTITY_SECRET_FILE or IDENTITY_SECRET is not set',
    );
}

function loadedSecret(): string {
  if (secret === undefined) throw new Error('The identity secret is not loaded: await prerequisites() first');
  return secret;
}

/** The key of the guard item of `nik`. */
export const nikGuardOf = (nik: string): TableKey =>
  nikGuardKey(createHmac('sha256', loadedSecret()).update(`nik\n${nik}`).digest('base64url'));

/**
 * The keyed digest of a NIK with a normalised business name: the key of the guard by which an import
 * recognises a record without NIB. Keyed by the same secret (with its own label), so that a reader of the
 * table cannot test guesses of a NIK against it either.
 */
export const nikNameDigestOf = (nik: string, normalisedName: string): string =>
  createHmac('sha256', loadedSecret()).update(`nik-name\n${nik}\n${normalisedName}`).digest('base64url');
