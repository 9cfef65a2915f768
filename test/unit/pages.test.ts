import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { eventJsonLd } from '../../functions/pages/event-views.ts';
import { handler as confirmPage } from '../../functions/pages/confirm-page.ts';
import { handler as confirm } from '../../functions/pages/confirm-form.ts';
import { handler as eventPage } from '../../functions/pages/event-page.ts';
import { handler as savePreferences } from '../../functions/pages/preferences-form.ts';
import { PAGE_POLICY, requireSameOrigin } from '../../functions/pages/layout.ts';
import { html, jsonForScript, raw } from '../../functions/shared/html.ts';
import { HttpProblem } from '../../functions/shared/problem.ts';
import { signToken } from '../../functions/subscriptions/tokens.ts';
import { invoke } from '../helpers/invoke.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const subscriber = (status = 'pending', language = 'id') => ({
  PK: 'SUBSCRIBER#sub-1',
  SK: 'SUBSCRIBER',
  email: 'ani.warga@example.com',
  language,
  status,
  filters: { kecamatan: [], types: [], needs: [] },
  createdAt: '2026-11-30T00:00:00.000Z',
  updatedAt: '2026-11-30T00:00:00.000Z',
});
const sameSite = { host: 'localhost', origin: 'http://localhost', 'sec-fetch-site': 'same-origin' };
const form = (fields: string) => ({
  method: 'POST',
  body: fields,
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...sameSite },
});

describe('HTML templates', () => {
  it('escape every interpolated value, keep composed markup, and flatten lists', () => {
    const title = `<img src=x onerror="alert('1')">&`;
    expect(html`<p title="${title}">${title}</p>`.value).toBe(
      '<p title="&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;">&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;</p>',
    );
    expect(
      html`<ul>
        ${['a<', 'b'].map((item) => html`<li>${item}</li>`)}
      </ul>`.value.replace(/>\s+</g, '><'),
    ).toBe('<ul><li>a&lt;</li><li>b</li></ul>');
    expect(html`${undefined}${false}${null}${raw('<br>')}${0}`.value).toBe('<br>0');
  });

  it('embed JSON in a script block so that no value can end the block', () => {
    const embedded = jsonForScript({ name: '</script><script>alert(1)</script><!--', line: '\u2028&' }).value;
    expect(embedded).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(embedded)).toEqual({ name: '</script><script>alert(1)</script><!--', line: '\u2028&' });
  });
});

describe('page forms', () => {
  it('refuse a post another site sent, by fetch metadata or Origin; take our own and header-less clients', () => {
    const refused = [
      { 'sec-fetch-site': 'cross-site', host: 'localhost' },
      { 'sec-fetch-site': 'same-site', host: 'localhost' },
      { origin: 'https://evil.example', host: 'localhost' },
      { origin: 'null', host: 'localhost' },
    ];
    for (const headers of refused) expect(() => requireSameOrigin(headers)).toThrow(HttpProblem);
    expect(() => requireSameOrigin(sameSite)).not.toThrow();
    expect(() => requireSameOrigin({ host: 'localhost' })).not.toThrow();
  });

  it('keep a strict policy: nothing but the hashed stylesheet, images, and forms to this origin', () => {
    expect(PAGE_POLICY).toMatch(/^default-src 'none'; style-src 'sha256-[\w+/=]+'; img-src 'self' https:;/);
    expect(PAGE_POLICY).toContain("form-action 'self'");
    expect(PAGE_POLICY).not.toMatch(/unsafe|script-src/);
  });
});

describe('subscription pages against a mocked table', () => {
  beforeEach(() => ddb.reset());

  it('shows the confirm button on a GET and changes nothing', async () => {
    ddb.on(GetCommand).resolves({ Item: subscriber() });
    const token = signToken('confirm', 'sub-1');
    const page = await invoke(confirmPage, { path: `/langganan/konfirmasi?token=${token}` });
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['content-security-policy']).toBe(PAGE_POLICY);
    expect(page.body).toContain('<form method="post" action="/langganan/konfirmasi">');
    expect(page.body).toContain('a***@example.com');
    expect(page.body).not.toContain('ani.warga');
    expect(ddb).not.toHaveReceivedCommand(UpdateCommand);
  });

  it('confirms on the form POST and answers in the subscriber’s language', async () => {
    ddb.on(UpdateCommand).resolves({});
    ddb.on(GetCommand).resolves({ Item: subscriber('confirmed', 'en') });
    const token = signToken('confirm', 'sub-1');
    const page = await invoke(confirm, { path: '/langganan/konfirmasi', ...form(`token=${token}`) });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<html lang="en">');
    expect(page.body).toContain('Subscription confirmed');
    expect(ddb).toHaveReceivedCommandTimes(UpdateCommand, 1);
  });

  it('answers a bad, an expired and a spent link with a page in both languages and the right status', async () => {
    const bad = await invoke(confirmPage, { path: '/langganan/konfirmasi?token=abcdefghijklmnop' });
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(bad.body).toContain('Tautan tidak valid');
    expect(bad.body).toContain('<section lang="en">');

    const expired = signToken('confirm', 'sub-1', Date.now() - 3 * 24 * 3600 * 1000);
    expect((await invoke(confirmPage, { path: `/langganan/konfirmasi?token=${expired}` })).status).toBe(410);

    ddb.on(UpdateCommand).rejects(new ConditionalCheckFailedException({ message: 'no', $metadata: {} }));
    const spent = await invoke(confirm, {
      path: '/langganan/konfirmasi',
      ...form(`token=${signToken('confirm', 'sub-1')}`),
    });
    expect(spent.status).toBe(410);
    expect(spent.body).toContain('Tautan sudah tidak berlaku');
  });

  it('refuses a JSON body and a cross-site post on a form route', async () => {
    const token = signToken('manage', 'sub-1');
    const json = await invoke(savePreferences, {
      method: 'POST',
      path: '/langganan/preferensi',
      body: JSON.stringify({ token, language: 'id' }),
      headers: { 'content-type': 'application/json', ...sameSite },
    });
    expect(json.status).toBe(415);
    const crossSite = await invoke(savePreferences, {
      path: '/langganan/preferensi',
      ...form(`token=${token}&language=id`),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        host: 'localhost',
        'sec-fetch-site': 'cross-site',
      },
    });
    expect(crossSite.status).toBe(403);
    expect(ddb).not.toHaveReceivedCommand(UpdateCommand);
  });

  it('saves checkbox groups sent once or several times, and leaves an empty name alone', async () => {
    ddb.on(UpdateCommand).resolves({ Attributes: subscriber('confirmed') });
    const token = signToken('manage', 'sub-1');
    const page = await invoke(savePreferences, {
      path: '/langganan/preferensi',
      ...form(`token=${token}&name=&language=id&kecamatan=32.75.01&kecamatan=32.75.02&types=bazar`),
    });
    expect(page.status).toBe(200);
    expect(ddb).toHaveReceivedCommandWith(UpdateCommand, {
      ExpressionAttributeValues: expect.objectContaining({
        ':filters': { kecamatan: ['32.75.01', '32.75.02'], types: ['bazar'], needs: [] },
      }),
    });
    const values = ddb.commandCalls(UpdateCommand)[0]!.args[0].input.ExpressionAttributeValues!;
    expect(values[':name']).toBeUndefined();
    const invalid = await invoke(savePreferences, {
      path: '/langganan/preferensi',
      ...form(`token=${token}&language=id&kecamatan=99.99.99`),
    });
    expect(invalid.status).toBe(400);
  });
});

const event = {
  PK: 'EVENT#01JD0000000000000000000000',
  SK: 'EVENT',
  id: '01JD0000000000000000000000',
  title: 'Temu Bisnis Hybrid',
  type: 'temu_bisnis',
  description: 'Temu bisnis UMKM dengan pembeli dari luar Bekasi, di tempat dan daring.',
  start: '2026-12-10T09:00:00+07:00',
  end: '2026-12-10T12:00:00+07:00',
  venue: {
    name: 'Aula',
    address: 'Jl. Ir. H. Juanda No. 100',
    kecamatan: '32.75.01',
    kelurahan: '32.75.01.1001',
  },
  onlineUrl: 'https://meet.example.org/temu',
  organiser: 'Dinas Koperasi dan UKM Kota Bekasi',
  fee: 50_000,
  needs: ['pasar'],
  tags: [],
  status: 'published',
  version: 3,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-02T00:00:00.000Z',
  publishedAt: '2026-11-02T00:00:00.000Z',
  startUtc: '2026-12-10T02:00:00.000Z',
  endUtc: '2026-12-10T05:00:00.000Z',
  createdBy: 'operator-1',
};

describe('event pages against a mocked table', () => {
  beforeEach(() => ddb.reset());

  it('describe an event in person and online as schema.org Event with both locations', () => {
    const { PK: _pk, SK: _sk, startUtc: _s, endUtc: _e, createdBy: _c, ...view } = event;
    expect(eventJsonLd(view as never, 'https://umkm.example')).toMatchObject({
      eventAttendanceMode: 'https://schema.org/MixedEventAttendanceMode',
      location: [
        {
          '@type': 'Place',
          address: { addressLocality: 'Kecamatan Bekasi Timur, Kota Bekasi', addressCountry: 'ID' },
        },
        { '@type': 'VirtualLocation', url: 'https://meet.example.org/temu' },
      ],
      offers: { price: 50_000, priceCurrency: 'IDR', validFrom: '2026-11-02T00:00:00.000Z' },
      image: ['https://umkm.example/agenda/poster-default.png'],
      url: 'https://umkm.example/agenda/01JD0000000000000000000000',
    });
  });

  it('answers 304 to a matching If-None-Match, and hides drafts', async () => {
    ddb.on(GetCommand).resolves({ Item: event });
    const path = `/agenda/${event.id}`;
    const request = { path, routeKey: 'GET /agenda/{id}', pathParameters: { id: event.id } };
    const first = await invoke(eventPage, request);
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('public, max-age=300');
    const again = await invoke(eventPage, {
      ...request,
      headers: { 'if-none-match': first.headers.etag ?? '' },
    });
    expect(again.status).toBe(304);
    expect(again.body).toBeUndefined();
    ddb.on(GetCommand).resolves({ Item: { ...event, status: 'draft' } });
    expect((await invoke(eventPage, request)).status).toBe(404);
  });
});
