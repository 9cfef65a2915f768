import ICAL from 'ical.js';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { devIssuer } from '../../lib/local/issuer.ts';
import { apiClient } from '../helpers/client.ts';
import { eventInput } from '../helpers/events.ts';

const sesUrl = inject('sesUrl');
const issuer = () => devIssuer(join(inject('localDir'), 'dev-issuer.json'));

const anyone = apiClient();

async function waitForMail(to: string): Promise<{ subject: string; body: { text: string } }> {
  for (let i = 0; i < 50; i++) {
    // The SES stand-in's mailbox, not the API.
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
    const page = (await anyone.GET('/events', { params: { query: { limit: 100 } } })).data!;
    expect(page.items.length).toBeGreaterThanOrEqual(8);
    const starts = page.items.map((event) => Date.parse(event.start));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    expect(page.items.every((event) => Date.parse(event.end) >= Date.now())).toBe(true);
    expect(page.items.every((event) => event.status !== 'draft')).toBe(true);

    const feed = await anyone.GET('/events.ics', { parseAs: 'text' });
    expect(feed.response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const calendar = new ICAL.Component(ICAL.parse(feed.data as unknown as string));
    expect(calendar.getAllSubcomponents('vevent').length).toBe(page.items.length);
  });

  it('lets an operator draft and publish an event the public then sees', async () => {
    const operator = apiClient(await (await issuer()).sign({ role: 'operator', sub: 'op-e2e-events' }));
    const created = await operator.POST('/events', {
      body: eventInput({ title: 'Pelatihan E2E Ekspor' }, 5),
    });
    expect(created.response.status).toBe(201);
    const path = { id: created.data!.id };
    expect((await anyone.GET('/events/{id}', { params: { path } })).response.status).toBe(404);
    expect((await anyone.POST('/events', { body: eventInput() })).response.status).toBe(401);
    expect((await operator.POST('/events/{id}/publish', { params: { path } })).response.status).toBe(200);
    expect((await anyone.GET('/events/{id}', { params: { path } })).data?.title).toBe('Pelatihan E2E Ekspor');
  });

  it('lets an operator edit, cancel and delete events, and list their own by status', async () => {
    const operator = apiClient(await (await issuer()).sign({ role: 'operator', sub: 'op-e2e-manage' }));
    const created = await operator.POST('/events', { body: eventInput({ title: 'Temu Bisnis E2E' }, 7) });
    const path = { id: created.data!.id };
    const edited = await operator.PATCH('/events/{id}', {
      params: { path, header: { 'If-Match': created.response.headers.get('etag') ?? '' } },
      body: { title: 'Temu Bisnis E2E (diubah)' },
    });
    expect(edited.response.status).toBe(200);
    expect(edited.data?.title).toBe('Temu Bisnis E2E (diubah)');
    await operator.POST('/events/{id}/publish', { params: { path } });
    const cancelled = await operator.POST('/events/{id}/cancel', {
      params: { path },
      body: { reason: 'Narasumber berhalangan hadir.' },
    });
    expect(cancelled.response.status).toBe(200);
    expect(cancelled.data?.status).toBe('cancelled');
    const managed = await operator.GET('/manage/events', {
      params: { query: { status: 'cancelled', limit: 100 } },
    });
    expect(managed.data?.items.map((event) => event.id)).toContain(path.id);

    const draft = await operator.POST('/events', { body: eventInput({ title: 'Draf E2E' }) });
    const draftPath = { id: draft.data!.id };
    expect((await operator.DELETE('/events/{id}', { params: { path: draftPath } })).response.status).toBe(
      204,
    );
    expect((await operator.GET('/events/{id}', { params: { path: draftPath } })).response.status).toBe(404);
  });
});

describe('subscriptions over HTTP', () => {
  it('mails a confirmation through the outbox, confirms, and unsubscribes with one click', async () => {
    const accepted = await anyone.POST('/subscriptions', {
      body: { email: 'e2e.warga@example.com', language: 'en' },
    });
    expect(accepted.response.status).toBe(202);
    const mail = await waitForMail('e2e.warga@example.com');
    expect(mail.subject).toBe('Confirm your Kota Bekasi UMKM events subscription');
    const confirmToken = /konfirmasi\?token=([\w.-]+)/.exec(mail.body.text)?.[1] ?? '';
    const confirmed = await anyone.POST('/subscriptions/confirm', { body: { token: confirmToken } });
    expect(confirmed.response.status).toBe(200);
    const manageToken = confirmed.data!.manageToken;

    const page = await anyone.GET('/subscriptions/unsubscribe', {
      params: { query: { token: manageToken } },
    });
    expect(page.data?.subscribed).toBe(true);
    const query = { token: manageToken };
    const changed = await anyone.PUT('/subscriptions/preferences', {
      params: { query },
      body: { language: 'id', kecamatan: ['32.75.01'], needs: ['pelatihan'] },
    });
    expect(changed.response.status).toBe(200);
    expect(changed.data).toMatchObject({ language: 'id', filters: { kecamatan: ['32.75.01'] } });
    // RFC 8058's one-click POST, form-encoded as a mail client sends it (the document allows it).
    const oneClick = await anyone.POST('/subscriptions/unsubscribe', {
      params: { query },
      body: { 'List-Unsubscribe': 'One-Click' },
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(oneClick.response.status).toBe(200);
    const after = await anyone.GET('/subscriptions/preferences', {
      params: { query: { token: manageToken } },
    });
    expect(after.data?.status).toBe('unsubscribed');
  });

  it('subscribes a signed-in owner by the verified email, without an opt-in mail', async () => {
    const owner = apiClient(
      await (await issuer()).sign({ role: 'owner', sub: 'owner-e2e', email: 'pemilik@example.com' }),
    );
    expect((await owner.GET('/me/subscription')).response.status).toBe(404);
    const put = await owner.PUT('/me/subscription', { body: { subscribed: true, needs: ['pasar'] } });
    expect(put.response.status).toBe(200);
    expect(put.data).toMatchObject({ status: 'confirmed', filters: { needs: ['pasar'] } });
    expect((await owner.GET('/me/subscription')).data?.status).toBe('confirmed');
  });
});
