import { createHmac } from 'node:crypto';
import { requireEnv } from '../shared/config.ts';
import { nikGuardKey, type TableKey } from '../shared/keys.ts';

/*
 * One NIK, one person: a NIK belongs to the account that first registered a business under it. Its guard
 * item is keyed by a keyed HMAC of the NIK (never the NIK itself: a plain hash of 16 structured digits is
 * reversed by trying them all), so only functions given the identity secret can find a NIK's guard.
 */
const secret = requireEnv('IDENTITY_SECRET');

/** The key of the guard item of `nik`. */
export const nikGuardOf = (nik: string): TableKey =>
  nikGuardKey(createHmac('sha256', secret).update(`nik\n${nik}`).digest('base64url'));

/**
 * The keyed digest of a NIK with a normalised business name: the key of the guard by which an import
 * recognises a record without NIB. Keyed by the same secret (with its own label), so that a reader of the
 * table cannot test guesses of a NIK against it either.
 */
export const nikNameDigestOf = (nik: string, normalisedName: string): string =>
  createHmac('sha256', secret).update(`nik-name\n${nik}\n${normalisedName}`).digest('base64url');
