import { randomBytes } from 'node:crypto';

/**
 * The subscription keyring: what the subscription secret holds. `subscriber` keys subscriber ids (an HMAC
 * of the address: it never rotates, or every subscriber would lose their record); `current` signs new
 * links; `previous`, after a rotation, still verifies the links signed before it until they expire.
 * A secret written before key ids existed is one bare string: it is the subscriber key and key `k0`, the
 * key of every link that carries no key id.
 */
export interface SigningKey {
  id: string;
  key: string;
  /** When it began to sign (ISO 8601). */
  since: string;
}

export interface Keyring {
  subscriber: string;
  current: SigningKey;
  previous?: SigningKey & { retired: string };
}

/** The key id of links mailed before key ids existed. */
export const LEGACY_KEY_ID = 'k0';

/** The longest a link lives (preference and unsubscribe links: a year); `tokens.ts` checks it matches. */
export const LONGEST_LINK_SECONDS = 365 * 24 * 3600;

const MIN_KEY_LENGTH = 32;
const isKey = (value: unknown): value is string =>
  typeof value === 'string' && value.length >= MIN_KEY_LENGTH;
const isSigningKey = (value: unknown): value is SigningKey => {
  const key = value as Partial<SigningKey> | null;
  return (
    typeof key === 'object' &&
    key !== null &&
    typeof key.id === 'string' &&
    /^k[0-9A-Za-z]{1,20}$/.test(key.id) &&
    isKey(key.key) &&
    typeof key.since === 'string'
  );
};

/** The keyring a secret's text holds; throws on anything else (a broken secret must fail loudly). */
export function parseKeyring(text: string): Keyring {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) {
    if (!isKey(trimmed)) throw new Error('The subscription secret is too short to be a key');
    return {
      subscriber: trimmed,
      current: { id: LEGACY_KEY_ID, key: trimmed, since: new Date(0).toISOString() },
    };
  }
  const ring = JSON.parse(trimmed) as Partial<Keyring>;
  const previous = ring.previous;
  if (!isKey(ring.subscriber) || !isSigningKey(ring.current))
    throw new Error('The subscription secret is not a keyring');
  if (previous !== undefined && !(isSigningKey(previous) && typeof previous.retired === 'string'))
    throw new Error('The subscription secret’s previous key is malformed');
  if (previous?.id === ring.current.id) throw new Error('The subscription secret has two keys with one id');
  return {
    subscriber: ring.subscriber,
    current: { id: ring.current.id, key: ring.current.key, since: ring.current.since },
    ...(previous
      ? { previous: { id: previous.id, key: previous.key, since: previous.since, retired: previous.retired } }
      : {}),
  };
}

/** The key that verifies a link signed with `id`, if the ring still holds it. */
export const verifyingKey = (ring: Keyring, id: string): string | undefined =>
  ring.current.id === id ? ring.current.key : ring.previous?.id === id ? ring.previous.key : undefined;

/** A key id from the time it starts to sign (sortable to the millisecond) and a random suffix. */
export const keyIdAt = (now: Date): string =>
  `k${now
    .toISOString()
    .replace(/[^0-9]/g, '')
    .slice(0, 17)}${randomBytes(1).toString('hex')}`;

/**
 * The ring after a rotation: a new current key, the old current one kept to verify what it signed, the
 * old previous one dropped. The subscriber key stays.
 */
export function rotateKeyring(ring: Keyring, now: Date, newKey: string): Keyring {
  if (!isKey(newKey)) throw new Error('A new key must have at least 32 characters');
  let id = keyIdAt(now);
  while (id === ring.current.id) id = keyIdAt(now);
  return {
    subscriber: ring.subscriber,
    current: { id, key: newKey, since: now.toISOString() },
    previous: { ...ring.current, retired: now.toISOString() },
  };
}

/**
 * Links a rotation now would break: those the previous key signed until it was retired, while they live.
 * `undefined` when dropping it breaks nothing.
 */
export function linksStillValidUntil(ring: Keyring, now: Date): Date | undefined {
  if (!ring.previous) return undefined;
  const until = new Date(Date.parse(ring.previous.retired) + LONGEST_LINK_SECONDS * 1000);
  return until > now ? until : undefined;
}
