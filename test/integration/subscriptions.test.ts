import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createMailTemplates } from '../../lib/local/ses.ts';
import { mailer as mailerWorker } from '../../functions/workers.ts';
import { startStreamMailer, type StreamHandler, type StreamMailer } from '../../lib/local/stream-mailer.ts';
import { loadWorker } from '../../lib/local/workers.ts';
import { invoke } from '../helpers/invoke.ts';
import { useLocalTable } from '../helpers/local-table.ts';

type Handler = Parameters<typeof invoke>[0];
const handlers: Record<string, Handler> = {};
const ses = inject('sesEndpoint');
let mailer: StreamMailer;
let tokens: typeof import('../../functions/subscriptions/tokens.ts');

beforeAll(async () => {
  const endpoint = await useLocalTable('it-subscriptions', {
    SES_ENDPOINT: ses,
    MAIL_FROM: 'agenda@umkm.test',
    SES_TEMPLATE_PREFIX: 'it-',
    WEB_URL: 'https://umkm.test',
    API_URL: 'https://api.umkm.test',
  });
  await createMailTemplates(ses, 'it-');
  for (const name of [
    'create-subscription',
    'confirm-subscription',
    'get-preferences',
    'update-preferences',
    'unsubscribe',
    'unsubscribe-page',
  ]) {
    handlers[name] = (
      (await import(`../../functions/subscriptions/${name}.ts`)) as { handler: Handler }
    ).handler;
  }
  tokens = await import('../../functions/subscriptions/tokens.ts');
  const { handler } = await loadWorker<{ handler: StreamHandler }>(mailerWorker);
  mailer = await startStreamMailer({ endpoint, tableName: 'it-subscriptions', handler, intervalMs: 50 });
});

afterAll(() => mailer.stop());

interface StoredMail {
  destination: { to: string[] };
  subject: string;
  body: { text: string };
}

async function mailsTo(address: string): Promise<StoredMail[]> {
  await mailer.drain();
  const store = (await (await fetch(`${ses}/store`)).json()) as { emails: StoredMail[] };
  return store.emails.filter((mail) => mail.destination.to.includes(address));
}

const tokenIn = (mail: StoredMail, path: string) =>
  new RegExp(`${path}\\?token=([\\w.-]+)`).exec(mail.body.text)?.[1] ?? '';

const jsonBody = (body: unknown) => ({
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json' },
});

const subscribe = (body: unknown) =>
  invoke(handlers['create-subscription']!, { method: 'POST', path: '/subscriptions', ...jsonBody(body) });
const confirm = (token: string) =>
  invoke(handlers['confirm-subscription']!, {
    method: 'POST',
    path: '/subscriptions/confirm',
    ...jsonBody({ token }),
  });
const preferences = (token: string) =>
  invoke(handlers['get-preferences']!, { path: `/subscriptions/preferences?token=${token}` });

describe('subscriptions against DynamoDB Local and the SES stand-in', () => {
  it('sends a confirmation mail in Bahasa Indonesia whose link confirms, idempotently', async () => {
    const response = await subscribe({ email: '  Siti.Aminah@Example.COM ', kecamatan: ['32.75.05'] });
    expect(response.status).toBe(202);
    const [mail] = await mailsTo('Siti.Aminah@example.com');
    expect(mail?.subject).toBe('Konfirmasi langganan Agenda UMKM Kota Bekasi');
    expect(mail?.body.text).toMatch(/WIB/);
    const confirmed = await confirm(tokenIn(mail!, 'konfirmasi'));
    expect(confirmed.status).toBe(200);
    expect((await confirm(tokenIn(mail!, 'konfirmasi'))).status).toBe(200);
    const read = await preferences(confirmed.json().manageToken);
    expect(read.json()).toEqual({
      status: 'confirmed',
      email: 'S***@example.com',
      language: 'id',
      filters: { kecamatan: ['32.75.05'], types: [], needs: [] },
    });
  });

  it('answers 202 with the same body for a new and a confirmed address, and mails only the new one', async () => {
    const known = await subscribe({ email: 'siti.aminah@example.com' });
    const fresh = await subscribe({ email: 'budi@example.com', language: 'en' });
    expect([known.status, fresh.status]).toEqual([202, 202]);
    expect(known.body).toBe(fresh.body);
    const [english] = await mailsTo('budi@example.com');
    expect(english?.subject).toBe('Confirm your Kota Bekasi UMKM events subscription');
  });

  it('sends at most 3 confirmation mails per address in 24 hours', async () => {
    for (let i = 0; i < 5; i++) expect((await subscribe({ email: 'eager@example.com' })).status).toBe(202);
    expect(await mailsTo('eager@example.com')).toHaveLength(3);
  });

  it('rejects forged and wrong-purpose tokens with 400 and expired ones with 410', async () => {
    await subscribe({ email: 'rina@example.com' });
    const [mail] = await mailsTo('rina@example.com');
    const confirmToken = tokenIn(mail!, 'konfirmasi');
    const manageToken = tokenIn(mail!, 'preferensi');
    const [payload] = confirmToken.split('.');
    expect((await confirm(`${payload}.${'A'.repeat(43)}`)).status).toBe(400);
    const forgedBody = Buffer.from(JSON.stringify({ p: 'confirm', s: 'someone', e: 9_999_999_999 })).toString(
      'base64url',
    );
    expect((await confirm(`${forgedBody}.${confirmToken.split('.')[1]}`)).status).toBe(400);
    expect((await confirm(manageToken)).status).toBe(400);
    expect((await preferences(confirmToken)).status).toBe(400);
    const expired = tokens.signToken(
      'confirm',
      tokens.subscriberIdOf('rina@example.com'),
      Date.now() - 3 * 86_400_000,
    );
    expect((await confirm(expired)).status).toBe(410);
    // A genuine token for a subscriber that never existed says nothing more than an expired link would.
    expect((await confirm(tokens.signToken('confirm', 'no-such-subscriber-id'))).status).toBe(410);
  });

  it('changes preferences, never unsubscribes on GET, and unsubscribes with the RFC 8058 form body', async () => {
    await subscribe({ email: 'dewi@example.com' });
    const [mail] = await mailsTo('dewi@example.com');
    const manage = tokenIn(mail!, 'preferensi');
    // The visible link opens the unsubscribe page (the List-Unsubscribe header keeps the one-click POST).
    expect(tokenIn(mail!, 'langganan/berhenti')).toBe(manage);
    const updated = await invoke(handlers['update-preferences']!, {
      method: 'PUT',
      path: `/subscriptions/preferences?token=${manage}`,
      ...jsonBody({ language: 'en', types: ['pelatihan'], needs: ['sertifikasi'] }),
    });
    expect(updated.json()).toMatchObject({ language: 'en', filters: { types: ['pelatihan'] } });

    const page = await invoke(handlers['unsubscribe-page']!, {
      path: `/subscriptions/unsubscribe?token=${manage}`,
    });
    expect(page.json()).toMatchObject({ subscribed: true, language: 'en' });
    expect((await preferences(manage)).json().status).toBe('pending');

    const oneClick = () =>
      invoke(handlers.unsubscribe!, {
        method: 'POST',
        path: `/subscriptions/unsubscribe?token=${manage}`,
        body: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    expect((await oneClick()).status).toBe(200);
    expect((await oneClick()).status).toBe(200);
    const after = (await preferences(manage)).json();
    expect(after.status).toBe('unsubscribed');
    expect(after.email).toBeUndefined();
  });
});
