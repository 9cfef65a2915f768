import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { EventBridgeEvent } from 'aws-lambda';
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
let dynamoDbEndpoint: string;

beforeAll(async () => {
  const endpoint = (dynamoDbEndpoint = await useLocalTable('it-subscriptions', {
    SES_ENDPOINT: ses,
    MAIL_FROM: 'agenda@umkm.test',
    SES_TEMPLATE_PREFIX: 'it-',
    WEB_URL: 'https://umkm.test',
    API_URL: 'https://api.umkm.test',
  }));
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
  body: { text: string; html: string };
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
    const [mail] = await mailsTo('siti.aminah@example.com');
    expect(mail?.subject).toBe('Konfirmasi langganan Agenda UMKM Kota Bekasi');
    expect(mail?.body.text).toMatch(/WIB/);
    const confirmed = await confirm(tokenIn(mail!, 'konfirmasi'));
    expect(confirmed.status).toBe(200);
    expect((await confirm(tokenIn(mail!, 'konfirmasi'))).status).toBe(200);
    const read = await preferences(confirmed.json().manageToken);
    expect(read.json()).toEqual({
      status: 'confirmed',
      email: 's***@example.com',
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

  it('unsubscribes with the RFC 8058 one-click POST sent as multipart/form-data, as the RFC recommends', async () => {
    await subscribe({ email: 'multipart@example.com' });
    const [mail] = await mailsTo('multipart@example.com');
    const manage = tokenIn(mail!, 'preferensi');
    const request = new Request('http://localhost/', {
      method: 'POST',
      body: (() => {
        const form = new FormData();
        form.append('List-Unsubscribe', 'One-Click');
        return form;
      })(),
    });
    const response = await invoke(handlers.unsubscribe!, {
      method: 'POST',
      path: `/subscriptions/unsubscribe?token=${manage}`,
      body: Buffer.from(await request.arrayBuffer()),
      headers: { 'content-type': request.headers.get('content-type') ?? '' },
    });
    expect(response.status).toBe(200);
    expect((await preferences(manage)).json().status).toBe('unsubscribed');
  });

  it('counts one mailbox once however its address is cased: the cap holds across case variants', async () => {
    for (const email of ['Flood@x.id', 'fLood@x.id', 'FLOOD@X.ID', 'flood@x.id', ' FlOoD@x.Id '])
      expect((await subscribe({ email })).status).toBe(202);
    expect(await mailsTo('flood@x.id')).toHaveLength(3);
  });

  it('refuses a name with markup or a link with 400 naming the field, and sends nothing', async () => {
    for (const name of ['<img src=x onerror=alert(1)>', 'http://evil.example', 'Klik evil.example']) {
      const response = await subscribe({ email: 'phish-target@example.com', name });
      expect(response.status).toBe(400);
      expect(response.json().errors.map((error: { path: string }) => error.path)).toEqual(['name']);
    }
    expect(await mailsTo('phish-target@example.com')).toEqual([]);
  });

  it('escapes a stored name in the mail: no markup or live link from a name ever reaches the HTML', async () => {
    // As if written before names were limited: the mailer must still not pass it on raw.
    const { ddb } = await import('../../functions/shared/db.ts');
    const { outboxKey } = await import('../../functions/shared/keys.ts');
    const subscriberId = tokens.subscriberIdOf('legacy@example.com');
    const name = '<img src=x onerror=alert(1)><a href="http://evil.example">klik</a>\r\nBcc: x@evil.example';
    await ddb.send(
      new PutCommand({
        TableName: 'it-subscriptions',
        Item: {
          ...outboxKey(subscriberId, '01JLEGACY0000000000000000'),
          kind: 'confirm',
          subscriberId,
          email: 'legacy@example.com',
          name,
          language: 'id',
          createdAt: new Date().toISOString(),
        },
      }),
    );
    const [mail] = await mailsTo('legacy@example.com');
    expect(mail?.body.html).toContain(
      'Halo &lt;img src=x onerror=alert(1)&gt;&lt;a href=&quot;http://evil.example&quot;&gt;',
    );
    expect(mail?.body.html).not.toMatch(/<img|<a href="http:\/\/evil|onerror=alert\(1\)>/);
    // The text part keeps the greeting on its line.
    expect(mail?.body.text.split('\n')[0]).toBe(
      'Halo <img src=x onerror=alert(1)><a href="http://evil.example">klik</a> Bcc: x@evil.example,',
    );
  });

  describe('suppression', () => {
    const feedback = async (email: string, detail: Record<string, unknown>) => {
      const { handler } = await import('../../functions/digest/feedback.ts');
      await handler({
        id: `fb-${tokens.subscriberIdOf(email).slice(0, 8)}`,
        detail: { mail: { tags: { subscriber: [tokens.subscriberIdOf(email)] } }, ...detail },
      } as unknown as EventBridgeEvent<string, unknown>);
    };
    const statusOf = async (email: string) =>
      (await preferences(tokens.signToken('manage', tokens.subscriberIdOf(email)))).json().status;
    const releaseScript = (address: string) =>
      promisify(execFile)('npx', ['tsx', 'bin/release-suppression.ts', address, '--stage'], {
        env: {
          ...process.env,
          TABLE_NAME: 'it-subscriptions',
          DYNAMODB_ENDPOINT: dynamoDbEndpoint,
          AWS_REGION: 'ap-southeast-3',
        },
      }).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
      );

    it('after a complaint, a new request sends nothing and stays suppressed, with the usual 202', async () => {
      const email = 'complains@example.com';
      await subscribe({ email });
      const [mail] = await mailsTo(email);
      expect((await confirm(tokenIn(mail!, 'konfirmasi'))).status).toBe(200);
      await feedback(email, { eventType: 'Complaint', complaint: {} });
      expect(await statusOf(email)).toBe('suppressed');

      const usual = await subscribe({ email: 'someone-new@example.com' });
      const again = await subscribe({ email: 'Complains@Example.com', name: 'Baru' });
      expect(again.status).toBe(202);
      expect(again.body).toBe(usual.body);
      expect(await mailsTo(email)).toHaveLength(1);
      expect(await statusOf(email)).toBe('suppressed');
      // Nor does an unsubscribe (it would otherwise reopen the address to new requests).
      await invoke(handlers.unsubscribe!, {
        method: 'POST',
        path: `/subscriptions/unsubscribe?token=${tokenIn(mail!, 'preferensi')}`,
        body: 'List-Unsubscribe=One-Click',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(await statusOf(email)).toBe('suppressed');
    });

    it('after a hard bounce of a pending address, the same; only the release script lifts it', async () => {
      const email = 'bounces@example.com';
      await subscribe({ email });
      expect(await mailsTo(email)).toHaveLength(1);
      await feedback(email, { eventType: 'Bounce', bounce: { bounceType: 'Permanent' } });
      expect((await subscribe({ email })).status).toBe(202);
      expect(await mailsTo(email)).toHaveLength(1);
      expect(await statusOf(email)).toBe('suppressed');

      const released = await releaseScript(' Bounces@Example.com ');
      expect(released).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Released/) });
      expect(await statusOf(email)).toBe('unsubscribed');
      expect(await releaseScript(email)).toMatchObject({ code: 1 });

      expect((await subscribe({ email })).status).toBe(202);
      expect(await mailsTo(email)).toHaveLength(2);
      expect(await statusOf(email)).toBe('pending');
    }, 120_000);
  });
});
