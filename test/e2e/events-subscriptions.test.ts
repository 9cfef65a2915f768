import ICAL from 'ical.js';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { devIssuer } from '../../lib/local/issuer.ts';
import { eventInput } from '../helpers/events.ts';

const api = inject('apiUrl');
const sesUrl = inject('sesUrl');
const issuer = () => devIssuer(join(inject('localDir'), 'dev-issuer.json'));

const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${api}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

async function waitForMail(to: string): Promise<{ subject: string; body: { text: string } }> {
  for (let i = 0; i < 50; i++) {
    const store = (await (await fetch(`${sesUrl}/store`)).json()) as {
      emails: { destination: { to: string[] }; subject: string; body: { text: string } }[];
    };
    const mail = store.emails.find((email) => email.destination.to.includes(to));
    if (mail) return mail;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no mail to ${to}`);
}

describe('events over HTTP', () => {
  it('serves the seeded demo events, upcoming first in start order, and their calendar feed', async () => {
    const page = (await (await send('GET', '/events?limit=100')).json()) as {
      items: { start: string; end: string; status: string }[];
    };
    expect(page.items.length).toBeGreaterThanOrEqual(8);
    const starts = page.items.map((event) => Date.parse(event.start));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(page.items.every((event) => Date.parse(event.end) >= Date.now())).toBe(true);
    expect(page.items.every((event) => event.status !== 'draft')).toBe(true);

    const feed = await send('GET', '/events.ics');
    expect(feed.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const calendar = new ICAL.Component(ICAL.parse(await feed.text()));
    expect(calendar.getAllSubcomponents('vevent').length).toBe(page.items.length);
  });

  it('lets an operator draft and publish an event the public then sees', async () => {
    const token = await (await issuer()).sign({ role: 'operator', sub: 'op-e2e-events' });
    const auth = { authorization: `Bearer ${token}` };
    const created = await send('POST', '/events', eventInput({ title: 'Pelatihan E2E Ekspor' }, 5), auth);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await send('GET', `/events/${id}`)).status).toBe(404);
    expect((await send('POST', '/events', eventInput())).status).toBe(401);
    expect((await send('POST', `/events/${id}/publish`, undefined, auth)).status).toBe(200);
    expect(((await (await send('GET', `/events/${id}`)).json()) as { title: string }).title).toBe(
      'Pelatihan E2E Ekspor',
    );
  });
});

describe('subscriptions over HTTP', () => {
  it('mails a confirmation through the outbox, confirms, and unsubscribes with one click', async () => {
    const accepted = await send('POST', '/subscriptions', { email: 'e2e.warga@example.com', language: 'en' });
    expect(accepted.status).toBe(202);
    const mail = await waitForMail('e2e.warga@example.com');
    expect(mail.subject).toBe('Confirm your Kota Bekasi UMKM events subscription');
    const confirmToken = /konfirmasi\?token=([\w.-]+)/.exec(mail.body.text)?.[1];
    const confirmed = await send('POST', '/subscriptions/confirm', { token: confirmToken });
    expect(confirmed.status).toBe(200);
    const { manageToken } = (await confirmed.json()) as { manageToken: string };

    const page = await send('GET', `/subscriptions/unsubscribe?token=${manageToken}`);
    expect(((await page.json()) as { subscribed: boolean }).subscribed).toBe(true);
    const oneClick = await fetch(`${api}/subscriptions/unsubscribe?token=${manageToken}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    const after = await send('GET', `/subscriptions/preferences?token=${manageToken}`);
    expect(((await after.json()) as { status: string }).status).toBe('unsubscribed');
  });

  it('subscribes a signed-in owner by the verified email, without an opt-in mail', async () => {
    const token = await (
      await issuer()
    ).sign({ role: 'owner', sub: 'owner-e2e', email: 'pemilik@example.com' });
    const auth = { authorization: `Bearer ${token}` };
    expect((await send('GET', '/me/subscription', undefined, auth)).status).toBe(404);
    const put = await send('PUT', '/me/subscription', { subscribed: true, needs: ['pasar'] }, auth);
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ status: 'confirmed', filters: { needs: ['pasar'] } });
    expect(
      ((await (await send('GET', '/me/subscription', undefined, auth)).json()) as { status: string }).status,
    ).toBe('confirmed');
  });
});
