import { createHash, createHmac } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';

const NIK = '3275014506850003';
const load = async () => (await import('../../functions/imports/nik-name.ts')).nikNameDigest;

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

describe('the NIK + business name guard of imported records without NIB', () => {
  it('matches the same business name however it is written', async () => {
    const digest = await load();
    expect(digest(NIK, 'UD Keripik Siti')).toBe(digest(NIK, 'keripik  SITÍ'));
    expect(digest(NIK, 'Keripik Siti')).not.toBe(digest(NIK, 'Keripik Sari'));
    expect(digest(NIK, 'Keripik Siti')).not.toBe(digest('3275014506850004', 'Keripik Siti'));
  });

  it('is keyed by the identity secret: a reader of the table cannot test NIK guesses against it', async () => {
    const digest = await load();
    const value = digest(NIK, 'Keripik Siti');
    // Not the plain hash it once was, nor any unkeyed hash of NIK and name.
    for (const text of [`${NIK}|keripiksiti`, `nik-name\n${NIK}\nkeripiksiti`, `${NIK}keripiksiti`])
      expect(value).not.toBe(createHash('sha256').update(text).digest('base64url'));
    expect(value).toBe(
      createHmac('sha256', process.env.IDENTITY_SECRET ?? '')
        .update(`nik-name\n${NIK}\nkeripiksiti`)
        .digest('base64url'),
    );
    vi.resetModules();
    vi.stubEnv('IDENTITY_SECRET', 'another-identity-secret-0123456789abcdef');
    expect((await load())(NIK, 'Keripik Siti')).not.toBe(value);
  });
});
