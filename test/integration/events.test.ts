import ICAL from 'ical.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalTable } from '../helpers/local-table.ts';
import { eventInput } from '../helpers/events.ts';
import { invoke, operatorClaims } from '../helpers/invoke.ts';

type Handler = Parameters<typeof invoke>[0];
const handlers: Record<string, Handler> = {};

beforeAll(async () => {
  await useLocalTable('it-events');
  for (const name of [
    'create-event',
    'update-event',
    'publish-event',
    'cancel-event',
    'delete-event',
    'list-events',
    'list-managed-events',
    'get-event',
    'events-calendar',
  ]) {
    handlers[name] = ((await import(`../../functions/events/${name}.ts`)) as { handler: Handler }).handler;
  }
});

const asOperator = { claims: operatorClaims() };
const json = (body: unknown) => ({
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json' },
});

async function create(overrides: Record<string, unknown> = {}, days = 10) {
  const response = await invoke(handlers['create-event']!, {
    method: 'POST',
    path: '/events',
    ...asOperator,
    ...json(eventInput(overrides, days)),
  });
  expect(response.status, response.body).toBe(201);
  return response.json() as { id: string; version: number; status: string; start: string };
}

const action = (name: 'publish' | 'cancel', id: string, body?: unknown) =>
  invoke(handlers[`${name}-event`]!, {
    method: 'POST',
    path: `/events/${id}/${name}`,
    routeKey: `POST /events/{id}/${name}`,
    pathParameters: { id },
    ...asOperator,
    ...(body ? json(body) : {}),
  });

const patch = (id: string, body: unknown, ifMatch?: string) =>
  invoke(handlers['update-event']!, {
    method: 'PATCH',
    path: `/events/${id}`,
    routeKey: 'PATCH /events/{id}',
    pathParameters: { id },
    ...asOperator,
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(ifMatch ? { 'if-match': ifMatch } : {}) },
  });

const getPublic = (id: string) =>
  invoke(handlers['get-event']!, {
    path: `/events/${id}`,
    routeKey: 'GET /events/{id}',
    pathParameters: { id },
  });

const list = (query: string) =>
  invoke(handlers['list-events']!, { path: `/events?${query}`, routeKey: 'GET /events' });

describe('events on DynamoDB Local', () => {
  it('rejects a kelurahan that does not exist in the kecamatan given', async () => {
    for (const kelurahan of ['32.75.01.1099', '32.75.02.1001']) {
      const response = await invoke(handlers['create-event']!, {
        method: 'POST',
        path: '/events',
        ...asOperator,
        ...json(
          eventInput({ venue: { name: 'Aula', address: 'Jl. Contoh 1', kecamatan: '32.75.01', kelurahan } }),
        ),
      });
      expect(response.status, kelurahan).toBe(400);
      expect(response.json().errors.map((e: { path: string }) => e.path)).toEqual(['venue.kelurahan']);
    }
  });

  it('rejects end before start, a deadline after the end, an unknown kecamatan and http links with 400', async () => {
    const bad = eventInput({
      end: '2030-01-01T08:00:00+07:00',
      start: '2030-01-01T09:00:00+07:00',
      venue: { name: 'Aula', address: 'Jl. Contoh 1', kecamatan: '32.75.99' },
      posterUrl: 'http://example.com/poster.png',
    });
    const response = await invoke(handlers['create-event']!, {
      method: 'POST',
      path: '/events',
      ...asOperator,
      ...json(bad),
    });
    expect(response.status).toBe(400);
    expect(response.json().errors.map((e: { path: string }) => e.path)).toEqual(['posterUrl']);

    const crossField = await invoke(handlers['create-event']!, {
      method: 'POST',
      path: '/events',
      ...asOperator,
      ...json({ ...bad, posterUrl: 'https://example.com/poster.png' }),
    });
    expect(crossField.status).toBe(400);
    expect(
      crossField
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['end', 'venue.kecamatan']);

    const lateDeadline = await invoke(handlers['create-event']!, {
      method: 'POST',
      path: '/events',
      ...asOperator,
      ...json(eventInput({ registration: { deadline: '2099-01-01T00:00:00+07:00' } })),
    });
    expect(lateDeadline.json().errors).toEqual([
      expect.objectContaining({ path: 'registration.deadline', code: 'deadline_after_end' }),
    ]);
  });

  it('stores times in WIB whatever offset they came in', async () => {
    const created = await create({
      start: '2031-05-01T02:00:00Z',
      end: '2031-05-01T10:00:00Z',
      registration: undefined,
    });
    expect(created.start).toBe('2031-05-01T09:00:00+07:00');
  });

  it('refuses to publish twice, to cancel a draft and to edit a cancelled event (409)', async () => {
    const event = await create();
    expect((await action('cancel', event.id, { reason: 'Tempat tidak tersedia' })).status).toBe(409);
    expect((await action('publish', event.id)).status).toBe(200);
    expect((await action('publish', event.id)).status).toBe(409);
    const cancelled = await action('cancel', event.id, { reason: 'Tempat tidak tersedia' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.json()).toMatchObject({
      status: 'cancelled',
      cancellation: { reason: 'Tempat tidak tersedia' },
    });
    expect((await patch(event.id, { title: 'Judul baru' }, cancelled.headers.etag)).status).toBe(409);
    // Cancelled stays visible to the public, as cancelled.
    expect((await getPublic(event.id)).json().status).toBe('cancelled');
  });

  it('edits with If-Match: 428 without it, 412 when stale, 200 and a new ETag when current', async () => {
    const event = await create();
    expect((await patch(event.id, { title: 'Bazar Ramadan' })).status).toBe(428);
    expect((await patch(event.id, { title: 'Bazar Ramadan' }, '"99"')).status).toBe(412);
    const edited = await patch(event.id, { title: 'Bazar Ramadan' }, '"1"');
    expect(edited.status).toBe(200);
    expect(edited.headers.etag).toBe('"2"');
    expect(edited.json().title).toBe('Bazar Ramadan');
    expect((await patch(event.id, { end: '2000-01-01T00:00:00+07:00' }, '"2"')).status).toBe(400);
  });

  it('keeps drafts from the public and deletes only drafts', async () => {
    const draft = await create({ title: 'Draf rahasia sekali' });
    expect((await getPublic(draft.id)).status).toBe(404);
    const all = await list('limit=100&from=2000-01-01T00:00:00Z');
    expect(all.json().items.map((e: { id: string }) => e.id)).not.toContain(draft.id);
    const del = (id: string) =>
      invoke(handlers['delete-event']!, {
        method: 'DELETE',
        path: `/events/${id}`,
        routeKey: 'DELETE /events/{id}',
        pathParameters: { id },
        ...asOperator,
      });
    const published = await create();
    await action('publish', published.id);
    expect((await del(published.id)).status).toBe(409);
    expect((await del(draft.id)).status).toBe(204);
    expect((await del(draft.id)).status).toBe(404);
  });

  it('lists published events in start order with filters, across pages', async () => {
    const created = [];
    for (const [days, type, kecamatan] of [
      [40, 'pelatihan', '32.75.05'],
      [41, 'pameran', '32.75.05'],
      [42, 'pelatihan', '32.75.05'],
      [43, 'pelatihan', '32.75.09'],
      [44, 'pelatihan', '32.75.05'],
      [45, 'pelatihan', '32.75.05'],
    ] as const) {
      const event = await create(
        { type, venue: { name: 'Aula', address: 'Jl. Contoh 1', kecamatan }, registration: undefined },
        days,
      );
      await action('publish', event.id);
      created.push({ ...event, type, kecamatan });
    }
    const expected = created
      .filter((e) => e.type === 'pelatihan' && e.kecamatan === '32.75.05')
      .map((e) => e.id);
    const from = new Date(Date.now() + 39 * 86_400_000).toISOString();
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const query = new URLSearchParams({ type: 'pelatihan', kecamatan: '32.75.05', limit: '2', from });
      if (cursor) query.set('cursor', cursor);
      const page = await list(query.toString());
      expect(page.status).toBe(200);
      seen.push(...page.json().items.map((e: { id: string }) => e.id));
      cursor = page.json().cursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(expected);
    expect(pages).toBeGreaterThanOrEqual(2);
  });

  it('answers 400 to a forged cursor or one from another list, never 500', async () => {
    for (const cursor of [
      'nonsense',
      Buffer.from('{"p":"EVENTS#draft","k":"x"}').toString('base64url'),
      Buffer.from('[1]').toString('base64url'),
    ]) {
      expect((await list(`cursor=${cursor}`)).status).toBe(400);
    }
    const managed = await invoke(handlers['list-managed-events']!, {
      path: '/manage/events?status=draft&limit=1',
      routeKey: 'GET /manage/events',
      ...asOperator,
    });
    const foreign = managed.json().cursor as string;
    expect(foreign).toEqual(expect.any(String));
    expect((await list(`cursor=${foreign}`)).status).toBe(400);
  });

  it('serves an iCalendar feed that a parser reads back', async () => {
    const event = await create(
      {
        title: 'Pameran Produk Halal; Batik, dan Kriya — edisi panjang sekali untuk dilipat',
        type: 'pameran',
      },
      60,
    );
    await action('publish', event.id);
    const response = await invoke(handlers['events-calendar']!, {
      path: '/events.ics?type=pameran',
      routeKey: 'GET /events.ics',
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const calendar = new ICAL.Component(ICAL.parse(response.body ?? ''));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const ours = events.find((e) => e.uid.startsWith(event.id));
    expect(ours?.summary).toBe('Pameran Produk Halal; Batik, dan Kriya — edisi panjang sekali untuk dilipat');
    expect(ours?.startDate.toJSDate().toISOString()).toBe(new Date(event.start).toISOString());
    expect(events.every((e) => e.component.getFirstPropertyValue('categories') === 'pameran')).toBe(true);
  });
});
