import { spawnSync } from 'node:child_process';
import { describe, expect, inject, it } from 'vitest';
import { apiClient } from '../helpers/client.ts';

const anyone = apiClient();
const sesUrl = inject('sesUrl');

/** `npm run secret:rotate` against the running local stack's data directory. */
const rotate = (...args: string[]) =>
  spawnSync('node_modules/.bin/tsx', ['bin/secret-rotate.ts', ...args], {
    env: { ...process.env, UMKM_LOCAL_DIR: inject('localDir') },
    encoding: 'utf8',
  });

async function mailTo(to: string): Promise<string> {
  for (let i = 0; i < 50; i++) {
    // The SES stand-in's mailbox, not the API.
    const store = (await (await fetch(`${sesUrl}/store`)).json()) as {
      emails: { destination: { to: string[] }; body: { text: string } }[];
    };
    const mail = store.emails.find((email) => email.destination.to.includes(to));
    if (mail) return mail.body.text;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no mail to ${to}`);
}

const keyIdOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString()) as { k?: string }).k;

describe('rotating the subscription keyring on the running local stack', () => {
  it('keeps links mailed before the rotation working and signs new links with the new key', async () => {
    const address = 'e2e.rotasi@example.com';
    const accepted = await anyone.POST('/subscriptions', { body: { email: address, language: 'id' } });
    expect(accepted.response.status).toBe(202);
    const text = await mailTo(address);
    const confirmToken = /token=([\w-]+\.[\w-]+)/.exec(text)?.[1] ?? '';
    const oldKey = keyIdOf(confirmToken);
    expect(oldKey).toMatch(/^k/);

    const rotated = rotate();
    expect(rotated.status, rotated.stderr).toBe(0);
    const newKey = /new links use (k\w+)/.exec(rotated.stdout)?.[1];
    expect(newKey).toBeDefined();
    expect(newKey).not.toBe(oldKey);

    // The confirmation link from the mail sent before the rotation still confirms.
    const confirmed = await anyone.POST('/subscriptions/confirm', { body: { token: confirmToken } });
    expect(confirmed.response.status).toBe(200);
    const { manageToken } = confirmed.data!;
    expect(keyIdOf(manageToken)).toBe(newKey);
    const preferences = await anyone.GET('/subscriptions/preferences', {
      params: { query: { token: manageToken } },
    });
    expect(preferences.data?.status).toBe('confirmed');

    // A second rotation now would drop the key of the links just mailed: refused.
    const again = rotate();
    expect(again.status).toBe(3);
    expect(again.stderr).toMatch(/Refused/);
  });
});
