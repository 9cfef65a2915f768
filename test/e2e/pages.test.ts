import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { devIssuer } from '../../lib/local/issuer.ts';
import {
  axe,
  launchBrowser,
  screenshot,
  weightOf,
  type AxeViolation,
  type Browser,
} from '../helpers/browser.ts';
import { readImageHeader } from '../../functions/shared/image-header.ts';
import { apiClient } from '../helpers/client.ts';
import { eventInput, type EventInput } from '../helpers/events.ts';

/**
 * The pages in a real browser (Debian's Chromium, headless, 360 px wide): the subscription flow from the
 * mail in the SES stand-in to unsubscribing, with JavaScript off as on the simplest phones; the public
 * event pages' previews and JSON-LD; axe-core on every page; each page's weight. Screenshots are left in
 * `.test-artifacts/screenshots/`, the figures in `.test-artifacts/pages-report.json`.
 */
const api = inject('apiUrl');
const sesUrl = inject('sesUrl');
const anyone = apiClient();
/** Form posts as a page's `<form>` sends them (the document takes them form-encoded). */
const form = { 'content-type': 'application/x-www-form-urlencoded' };
const PAGE_BUDGET = 30 * 1024;

interface Visited {
  name: string;
  url: string;
  status: number;
  bytes: number;
  html: string;
}

const visited: Visited[] = [];
const report: { name: string; status: number; bytes: number; violations: AxeViolation[] }[] = [];
let noScript: Browser;
let withScript: Browser;

/** Records what the browser got for a page, and leaves its screenshot. */
async function keep(name: string, page: Page, response: Response | null): Promise<Visited> {
  const entry = {
    name,
    url: page.url(),
    status: response?.status() ?? 0,
    bytes: await weightOf(response),
    html: (await response?.text()) ?? '',
  };
  visited.push(entry);
  await screenshot(page, name);
  return entry;
}

/** Follows a click that loads a new document (a link or a form submit). */
async function navigate(page: Page, click: () => Promise<void>): Promise<Response | null> {
  const [response] = await Promise.all([page.waitForNavigation(), click()]);
  return response;
}

async function mailTo(address: string): Promise<{ html: string; text: string }> {
  for (let attempt = 0; attempt < 50; attempt++) {
    // The SES stand-in's mailbox, not the API.
    const store = (await (await fetch(`${sesUrl}/store`)).json()) as {
      emails: { destination: { to: string[] }; body: { html: string; text: string } }[];
    };
    const mail = store.emails.findLast((email) => email.destination.to.includes(address));
    if (mail) return mail.body;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('no mail');
}

/** The subscription as the API has it (JSON), beside what the pages show. */
const preferencesOf = async (token: string) =>
  (await anyone.GET('/subscriptions/preferences', { params: { query: { token } } })).data;

beforeAll(async () => {
  [noScript, withScript] = await Promise.all([launchBrowser({ javaScriptEnabled: false }), launchBrowser()]);
});

afterAll(async () => {
  await Promise.all([noScript?.close(), withScript?.close()]);
  const directory = join(process.cwd(), '.test-artifacts');
  mkdirSync(directory, { recursive: true });
  writeFileSync(join(directory, 'pages-report.json'), `${JSON.stringify(report, null, 2)}\n`);
});

describe('subscription pages in a browser without JavaScript', () => {
  it('takes a subscriber from the mail to confirmed, new preferences and unsubscribed; nothing changes on a GET', async () => {
    const address = 'browser.warga@example.com';
    expect((await anyone.POST('/subscriptions', { body: { email: address } })).response.status).toBe(202);
    const mail = await mailTo(address);
    const page = await noScript.context.newPage();
    const refusedStyles: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refusedStyles.push(message.text());
    });

    // The mail as its reader sees it, and its link followed.
    await page.setContent(mail.html);
    const confirm = await keep(
      '01-confirm',
      page,
      await navigate(page, () => page.getByRole('link', { name: 'Konfirmasi langganan' }).click()),
    );
    expect(confirm.status).toBe(200);
    expect(confirm.url.startsWith(`${api}/langganan/konfirmasi?token=`)).toBe(true);
    expect(await page.locator('html').getAttribute('lang')).toBe('id');
    const manageToken =
      new URL(
        (/href="([^"]*preferensi\?token=[^"]+)"/.exec(mail.html)?.[1] ?? '').replaceAll('&amp;', '&'),
      ).searchParams.get('token') ?? '';
    // Opening the link confirmed nothing.
    expect((await preferencesOf(manageToken))?.status).toBe('pending');

    const confirmed = await keep(
      '02-confirmed',
      page,
      await navigate(page, () => page.getByRole('button', { name: 'Ya, konfirmasi langganan' }).click()),
    );
    expect(confirmed.status).toBe(200);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Langganan aktif');
    expect((await preferencesOf(manageToken))?.status).toBe('confirmed');

    const preferences = await keep(
      '03-preferences',
      page,
      await navigate(page, () => page.getByRole('link', { name: 'Atur preferensi' }).click()),
    );
    expect(preferences.status).toBe(200);
    await page.getByLabel('Bekasi Timur').check();
    await page.getByLabel('Bantargebang').check();
    await page.getByLabel('Pelatihan', { exact: true }).first().check();
    await page.getByLabel('Pembiayaan / permodalan').check();
    await page.getByLabel('English').check();
    await page.getByLabel('Nama (opsional)').fill("Ani D'Warga-Putri");
    const saved = await keep(
      '04-preferences-saved',
      page,
      await navigate(page, () => page.getByRole('button', { name: 'Simpan preferensi' }).click()),
    );
    expect(saved.status).toBe(200);
    // The answer comes in the language just chosen (markup in a name is refused: personName).
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Preferences saved');
    const stored = await preferencesOf(manageToken);
    expect(stored).toMatchObject({
      language: 'en',
      name: "Ani D'Warga-Putri",
      filters: { kecamatan: ['32.75.01', '32.75.07'], types: ['pelatihan'], needs: ['pembiayaan'] },
    });

    const unsubscribe = await keep(
      '05-unsubscribe',
      page,
      await navigate(page, () => page.getByRole('link', { name: 'Unsubscribe' }).click()),
    );
    expect(unsubscribe.status).toBe(200);
    expect((await preferencesOf(manageToken))?.status).toBe('confirmed');
    const unsubscribed = await keep(
      '06-unsubscribed',
      page,
      await navigate(page, () => page.getByRole('button', { name: 'Yes, unsubscribe' }).click()),
    );
    expect(unsubscribed.status).toBe(200);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('You have unsubscribed');
    const gone = await preferencesOf(manageToken);
    expect(gone?.status).toBe('unsubscribed');
    expect(gone).not.toHaveProperty('email');

    // The same links now explain themselves instead of failing.
    const expired = await keep(
      '07-link-no-longer-valid',
      page,
      await page.goto(`${api}/langganan/preferensi?token=${manageToken}`),
    );
    expect(expired.status).toBe(410);
    const invalid = await keep(
      '08-link-invalid',
      page,
      await page.goto(`${api}/langganan/konfirmasi?token=not-a-real-token`),
    );
    expect(invalid.status).toBe(400);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Tautan tidak valid');
    expect(refusedStyles).toEqual([]);
    await page.close();
  }, 120_000);

  it('refuses a form posted from another site (CSRF) with a 403 page', async () => {
    const { error, response } = await anyone.POST('/langganan/berhenti', {
      body: { token: 'eyJwIjoibWFuYWdlIn0.c2lnbmF0dXJl' },
      headers: { ...form, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      parseAs: 'text',
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(error).toContain('Formulir ditolak'); // a page: the client hands its HTML over as the error
  });
});

describe('the pages, fetched and posted through the typed client as a frontend linking to them would', () => {
  it('confirms, saves preferences and unsubscribes by the same forms, and lists the agenda', async () => {
    const address = 'client.warga@example.com';
    expect((await anyone.POST('/subscriptions', { body: { email: address } })).response.status).toBe(202);
    const mail = await mailTo(address);
    const link = (path: string) =>
      new URL(
        (new RegExp(`href="([^"]*${path}\\?token=[^"]+)"`).exec(mail.html)?.[1] ?? '').replaceAll(
          '&amp;',
          '&',
        ),
      ).searchParams.get('token') ?? '';
    const [confirmToken, manageToken] = [link('konfirmasi'), link('preferensi')];
    const html = { parseAs: 'text' } as const;

    const confirmPage = await anyone.GET('/langganan/konfirmasi', {
      params: { query: { token: confirmToken } },
      ...html,
    });
    expect(confirmPage.data).toContain('Ya, konfirmasi langganan');
    expect((await preferencesOf(manageToken))?.status).toBe('pending');
    const confirmed = await anyone.POST('/langganan/konfirmasi', {
      body: { token: confirmToken },
      headers: form,
      ...html,
    });
    expect(confirmed.response.status).toBe(200);
    expect((await preferencesOf(manageToken))?.status).toBe('confirmed');

    const query = { token: manageToken };
    expect((await anyone.GET('/langganan/preferensi', { params: { query }, ...html })).response.status).toBe(
      200,
    );
    const saved = await anyone.POST('/langganan/preferensi', {
      body: { token: manageToken, language: 'en', name: 'Budi' },
      headers: form,
      ...html,
    });
    expect(saved.response.status).toBe(200);
    expect(await preferencesOf(manageToken)).toMatchObject({ language: 'en', name: 'Budi' });

    expect((await anyone.GET('/langganan/berhenti', { params: { query }, ...html })).data).toContain(
      'unsubscribe',
    );
    const stopped = await anyone.POST('/langganan/berhenti', {
      body: { token: manageToken },
      headers: form,
      ...html,
    });
    expect(stopped.response.status).toBe(200);
    expect((await preferencesOf(manageToken))?.status).toBe('unsubscribed');

    const agenda = await anyone.GET('/agenda', { params: { query: { type: 'bazar' } }, ...html });
    expect(agenda.response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(agenda.data).toContain('<html lang="id">');
  });
});

/** What Google's event rich results require (name, startDate with offset, location) and recommend. */
function richResultGaps(event: Record<string, unknown>): string[] {
  const gaps: string[] = [];
  const has = (field: string) => event[field] !== undefined && event[field] !== '';
  if (event['@type'] !== 'Event') gaps.push('@type');
  for (const field of [
    'name',
    'startDate',
    'location',
    'endDate',
    'eventStatus',
    'eventAttendanceMode',
    'image',
    'description',
    'offers',
    'organizer',
  ])
    if (!has(field)) gaps.push(field);
  const withOffset = /T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
  for (const field of ['startDate', 'endDate'])
    if (!withOffset.test(String(event[field]))) gaps.push(`${field} offset`);
  const locations = [event.location].flat() as Record<string, unknown>[];
  for (const location of locations) {
    if (location['@type'] === 'Place') {
      const address = location.address as Record<string, unknown> | undefined;
      if (!location.name || !address?.streetAddress || !address.addressCountry) gaps.push('location.address');
    } else if (location['@type'] === 'VirtualLocation') {
      if (!URL.canParse(String(location.url))) gaps.push('location.url');
    } else gaps.push('location.@type');
  }
  const offers = event.offers as Record<string, unknown> | undefined;
  if (
    offers &&
    (offers.priceCurrency !== 'IDR' ||
      typeof offers.price !== 'number' ||
      !offers.url ||
      !offers.availability)
  )
    gaps.push('offers fields');
  if (!(event.organizer as Record<string, unknown> | undefined)?.name) gaps.push('organizer.name');
  if (![event.image].flat().every((image) => URL.canParse(String(image)))) gaps.push('image url');
  return gaps;
}

describe('public event pages', () => {
  let ids: { inPerson: string; online: string };
  let token: string;

  beforeAll(async () => {
    token = await (
      await devIssuer(join(inject('localDir'), 'dev-issuer.json'))
    ).sign({ role: 'operator', sub: 'op-pages' });
    const operator = apiClient(token);
    const create = async (input: EventInput) => {
      const { id } = (await operator.POST('/events', { body: input })).data!;
      await operator.POST('/events/{id}/publish', { params: { path: { id } } });
      return id;
    };
    const inPerson = await create(
      eventInput({ title: 'Pameran </script><script>alert(1)</script> Kriya', fee: 25_000 }, 4),
    );
    await operator.POST('/events/{id}/cancel', {
      params: { path: { id: inPerson } },
      body: { reason: 'Gedung dipakai untuk keperluan darurat.' },
    });
    const { venue: _venue, ...rest } = eventInput(
      {
        title: 'Webinar Pemasaran Online',
        type: 'pelatihan' as const,
        onlineUrl: 'https://meet.example.org/umkm',
      },
      6,
    );
    ids = { inPerson, online: await create(rest) };
  });

  it('lists upcoming events with working filters (a GET form), and each event page carries its preview meta and JSON-LD', async () => {
    const page = await noScript.context.newPage();
    const list = await keep('10-agenda', page, await page.goto(`${api}/agenda`));
    expect(list.status).toBe(200);
    await page.getByLabel('Jenis acara').selectOption('pelatihan');
    const filtered = await keep(
      '11-agenda-filtered',
      page,
      await navigate(page, () => page.getByRole('button', { name: 'Tampilkan' }).click()),
    );
    expect(new URL(filtered.url).searchParams.get('type')).toBe('pelatihan');
    const titles = await page.locator('article h2').allTextContents();
    expect(titles).toContain('Webinar Pemasaran Online');
    expect(titles.every((title) => !title.startsWith('Pameran'))).toBe(true);

    const online = await keep(
      '12-event-online',
      page,
      await navigate(page, () => page.getByRole('link', { name: 'Webinar Pemasaran Online' }).click()),
    );
    expect(online.status).toBe(200);
    const meta = async (selector: string) => page.locator(selector).getAttribute('content');
    expect(await meta('meta[property="og:title"]')).toBe('Webinar Pemasaran Online');
    expect(await meta('meta[property="og:description"]')).toMatch(/WIB · Daring/);
    expect(await meta('meta[property="og:image"]')).toBe(`${api}/agenda/poster-default.png`);
    expect(await meta('meta[name="twitter:card"]')).toBe('summary_large_image');
    const onlineLd = JSON.parse(
      (await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}',
    ) as Record<string, unknown>;
    expect(richResultGaps(onlineLd)).toEqual([]);
    expect(onlineLd).toMatchObject({
      eventAttendanceMode: 'https://schema.org/OnlineEventAttendanceMode',
      eventStatus: 'https://schema.org/EventScheduled',
      location: { '@type': 'VirtualLocation', url: 'https://meet.example.org/umkm' },
      offers: { price: 0, priceCurrency: 'IDR' },
    });
    const share = new URL(
      (await page.getByRole('link', { name: 'Bagikan lewat WhatsApp' }).getAttribute('href')) ?? '',
    );
    expect(share.origin + share.pathname).toBe('https://wa.me/');
    expect(share.searchParams.get('text')).toContain(`${api}/agenda/${ids.online}`);
    expect(await page.getByRole('link', { name: 'Tambahkan ke kalender' }).getAttribute('href')).toBe(
      `/agenda/${ids.online}/kalender.ics`,
    );
    const ics = await anyone.GET('/agenda/{id}/kalender.ics', {
      params: { path: { id: ids.online } },
      parseAs: 'text',
    });
    expect(ics.response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(ics.data).toContain(`UID:${ids.online}@`);
    const poster = await anyone.GET('/agenda/poster-default.png', { parseAs: 'arrayBuffer' });
    expect(poster.response.headers.get('content-type')).toBe('image/png');
    expect([...new Uint8Array(poster.data ?? new ArrayBuffer(0)).slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]);

    const cancelled = await keep(
      '13-event-cancelled',
      page,
      await page.goto(`${api}/agenda/${ids.inPerson}`),
    );
    expect(cancelled.status).toBe(200);
    // An operator's title cannot close the JSON-LD script or open one of its own.
    expect(cancelled.html.match(/<script/g)).toHaveLength(1);
    expect(await page.locator('h1').textContent()).toBe('Pameran </script><script>alert(1)</script> Kriya');
    expect(await page.locator('.alert').textContent()).toContain('Gedung dipakai untuk keperluan darurat.');
    const cancelledLd = JSON.parse(
      (await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}',
    ) as Record<string, unknown>;
    expect(richResultGaps(cancelledLd)).toEqual([]);
    expect(cancelledLd).toMatchObject({
      name: 'Pameran </script><script>alert(1)</script> Kriya',
      eventStatus: 'https://schema.org/EventCancelled',
      eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
      location: { '@type': 'Place', address: { '@type': 'PostalAddress', addressCountry: 'ID' } },
      offers: { price: 25_000, priceCurrency: 'IDR' },
    });
    expect(await page.getByRole('link', { name: 'Daftar sekarang' }).count()).toBe(0);

    const english = await keep(
      '14-event-english',
      page,
      await page.goto(`${api}/agenda/${ids.online}?lang=en`),
    );
    expect(english.html).toContain('<html lang="en">');
    await page.close();
  }, 120_000);

  it('shows an uploaded poster: Chromium encodes it, the presigned upload stores it, previews and JSON-LD point at it, and it loads', async () => {
    const page = await withScript.context.newPage();
    await page.goto(`${api}/agenda/poster-default.png`);
    // Real encoder output, drawn and encoded by the browser: the header parser must read both formats.
    const encoded = await page.evaluate<{ jpeg: number[]; webp: number[] }>(`(async () => {
      const canvas = document.createElement('canvas');
      canvas.width = 1200;
      canvas.height = 630;
      const context = canvas.getContext('2d');
      const gradient = context.createLinearGradient(0, 0, 1200, 630);
      gradient.addColorStop(0, '#0b5394');
      gradient.addColorStop(1, '#f1c232');
      context.fillStyle = gradient;
      context.fillRect(0, 0, 1200, 630);
      context.fillStyle = '#fff';
      context.font = 'bold 96px sans-serif';
      context.fillText('Poster UMKM', 120, 340);
      const bytesOf = (type) => new Promise((resolve) =>
        canvas.toBlob(async (blob) => resolve([...new Uint8Array(await blob.arrayBuffer())]), type, 0.8));
      return { jpeg: await bytesOf('image/jpeg'), webp: await bytesOf('image/webp') };
    })()`);
    const jpeg = Buffer.from(encoded.jpeg);
    expect(readImageHeader(jpeg)).toEqual({ type: 'image/jpeg', width: 1200, height: 630 });
    expect(readImageHeader(Buffer.from(encoded.webp))).toEqual({
      type: 'image/webp',
      width: 1200,
      height: 630,
    });

    const operator = apiClient(token);
    const path = { id: ids.online };
    const read = await anyone.GET('/events/{id}', { params: { path } });
    const started = await operator.POST('/events/{id}/poster', {
      params: { path },
      body: { contentType: 'image/jpeg', bytes: jpeg.length },
    });
    expect(started.response.status).toBe(201);
    const { key, uploadUrl } = started.data!;
    // By hand: the presigned S3 upload goes to the bucket (the S3 stand-in), not to the API.
    const put = await fetch(uploadUrl, {
      method: 'PUT',
      body: jpeg,
      headers: { 'content-type': 'image/jpeg' },
    });
    expect(put.status).toBe(200);
    const confirmed = await operator.PUT('/events/{id}/poster', {
      params: { path, header: { 'If-Match': read.response.headers.get('etag') ?? '' } },
      body: { key },
    });
    expect(confirmed.response.status, JSON.stringify(confirmed.error)).toBe(200);

    const shown = await keep('16-event-poster', page, await page.goto(`${api}/agenda/${ids.online}`));
    const posterUrl = `${api}/agenda/${ids.online}/poster`;
    const meta = async (selector: string) => page.locator(selector).getAttribute('content');
    expect(await meta('meta[property="og:image"]')).toBe(posterUrl);
    expect(await meta('meta[name="twitter:image"]')).toBe(posterUrl);
    const ld = JSON.parse(
      (await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}',
    ) as Record<string, unknown>;
    expect(ld.image).toEqual([posterUrl]);
    expect(richResultGaps(ld)).toEqual([]);
    // The image loads in the page, under the page's CSP, through the redirect to the S3 stand-in.
    const image = page.locator('img[alt^="Poster acara"]');
    await image.scrollIntoViewIfNeeded();
    await page.waitForFunction('[...document.images].every((img) => img.complete)');
    expect(
      await page.evaluate<number[]>(
        "(() => { const img = document.querySelector('img[alt^=\\'Poster acara\\']'); return [img.naturalWidth, img.naturalHeight]; })()",
      ),
    ).toEqual([1200, 630]);
    expect(shown.status).toBe(200);
    await screenshot(page, '16-event-poster-loaded');
    const served = await anyone.GET('/agenda/{id}/poster', { params: { path }, parseAs: 'arrayBuffer' });
    expect(served.response.status).toBe(200);
    expect(served.response.headers.get('content-type')).toBe('image/jpeg');
    expect(served.response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(served.data?.byteLength).toBe(jpeg.length);
    await page.close();
  }, 120_000);

  it('answers a repeated request with 304 when the ETag still matches, and a draft or unknown id with a 404 page', async () => {
    const eventPage = (header: { 'If-None-Match'?: string } = {}, query: { lang?: 'en' } = {}) =>
      anyone.GET('/agenda/{id}', { params: { path: { id: ids.online }, query, header }, parseAs: 'text' });
    const first = await eventPage();
    const etag = first.response.headers.get('etag') ?? '';
    expect(first.response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(first.data).toContain('Webinar Pemasaran Online');
    const again = await eventPage({ 'If-None-Match': etag });
    expect(again.response.status).toBe(304);
    expect(again.data).toBeUndefined();
    expect((await eventPage({ 'If-None-Match': etag }, { lang: 'en' })).response.status).toBe(200);
    const page = await noScript.context.newPage();
    const missing = await keep(
      '15-event-not-found',
      page,
      await page.goto(`${api}/agenda/01ARZ3NDEKTSV4RRFFQ69G5FAV`),
    );
    expect(missing.status).toBe(404);
    await page.close();
  });
});

describe('every page', () => {
  it('is under 30 KB, applies its stylesheet under the page CSP, and has no serious or critical axe violations', async () => {
    expect(visited.length).toBeGreaterThanOrEqual(14);
    const page = await withScript.context.newPage();
    const failures: string[] = [];
    for (const entry of visited) {
      if (entry.bytes > PAGE_BUDGET) failures.push(`${entry.name}: ${entry.bytes} bytes`);
      // The very bytes the browser got (POST answers cannot be fetched again), checked with scripts on.
      await page.setContent(entry.html);
      const violations = await axe(page);
      report.push({ name: entry.name, status: entry.status, bytes: entry.bytes, violations });
      for (const violation of violations)
        if (violation.impact === 'serious' || violation.impact === 'critical')
          failures.push(`${entry.name}: ${violation.id} (${violation.impact}) ${violation.help}`);
    }
    // The stylesheet's hash in the header's policy matches: a GET page renders styled under its real CSP.
    const refused: string[] = [];
    page.on('console', (message) => refused.push(message.text()));
    const styled = await page.goto(`${api}/agenda`);
    expect(refused, styled?.headers()['content-security-policy']).toEqual([]);
    expect(
      await page.evaluate<string>("getComputedStyle(document.querySelector('header')).backgroundColor"),
    ).toBe('rgb(11, 83, 148)');
    await page.close();
    expect(failures).toEqual([]);
  }, 120_000);
});
