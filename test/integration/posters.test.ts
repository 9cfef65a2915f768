import { beforeAll, describe, expect, it } from 'vitest';
import { objectSize } from '../../functions/shared/objects.ts';
import { eventInput } from '../helpers/events.ts';
import { jpegHead, png, webpHead } from '../helpers/images.ts';
import { invoke, operatorClaims } from '../helpers/invoke.ts';
import { useLocalTable } from '../helpers/local-table.ts';

type Handler = Parameters<typeof invoke>[0];
const handlers: Record<string, Handler> = {};

beforeAll(async () => {
  await useLocalTable('it-posters');
  for (const name of [
    'create-event',
    'publish-event',
    'delete-event',
    'start-poster-upload',
    'confirm-poster',
  ])
    handlers[name] = ((await import(`../../functions/events/${name}.ts`)) as { handler: Handler }).handler;
  for (const name of ['event-page', 'event-poster'])
    handlers[name] = ((await import(`../../functions/pages/${name}.ts`)) as { handler: Handler }).handler;
});

const asOperator = { claims: operatorClaims() };
const json = (body: unknown) => ({
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json' },
});

async function createEvent() {
  const response = await invoke(handlers['create-event']!, {
    method: 'POST',
    path: '/events',
    ...asOperator,
    ...json(eventInput({}, 10)),
  });
  expect(response.status, response.body).toBe(201);
  return response.json() as { id: string; version: number };
}

const eventRoute = (
  name: string,
  method: string,
  id: string,
  body?: unknown,
  headers: Record<string, string> = {},
) =>
  invoke(handlers[name]!, {
    method,
    path: `/events/${id}/poster`,
    routeKey: `${method} /events/{id}/poster`,
    pathParameters: { id },
    ...asOperator,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    headers: { 'content-type': 'application/json', ...headers },
  });

/** Presign, upload to the S3 stand-in, confirm: what an operator's console does. */
async function upload(id: string, version: number, file: Buffer, contentType = 'image/png') {
  const started = await eventRoute('start-poster-upload', 'POST', id, { contentType, bytes: file.length });
  expect(started.status, started.body).toBe(201);
  const { key, uploadUrl } = started.json() as { key: string; uploadUrl: string };
  const put = await fetch(uploadUrl, { method: 'PUT', body: file, headers: { 'content-type': contentType } });
  expect(put.status).toBe(200);
  return {
    key,
    confirmed: await eventRoute('confirm-poster', 'PUT', id, { key }, { 'if-match': `"${version}"` }),
  };
}

const fieldsOf = (response: { json: () => any }) =>
  (response.json().errors as { path: string; code: string }[]).map((e) => `${e.path}:${e.code}`);

describe('event posters (DynamoDB Local, S3 stand-in)', () => {
  it('presigns, takes the upload, checks it by its bytes and shows it on the event and its page', async () => {
    const event = await createEvent();
    const { key, confirmed } = await upload(event.id, event.version, png(1200, 630));
    expect(confirmed.status, confirmed.body).toBe(200);
    const shown = confirmed.json();
    expect(shown.version).toBe(event.version + 1);
    expect(confirmed.headers.etag).toBe(`"${event.version + 1}"`);
    expect(shown.poster).toMatchObject({
      type: 'image/png',
      width: 1200,
      height: 630,
      bytes: png(1200, 630).length,
    });
    expect(shown.poster.key).toMatch(new RegExp(`^posters/images/${event.id}/[0-9A-Z]{26}\\.png$`));
    // The upload is gone once copied; the poster is stored.
    expect(await objectSize(key)).toBeUndefined();
    expect(await objectSize(shown.poster.key)).toBe(png(1200, 630).length);

    const published = await invoke(handlers['publish-event']!, {
      method: 'POST',
      path: `/events/${event.id}/publish`,
      routeKey: 'POST /events/{id}/publish',
      pathParameters: { id: event.id },
      ...asOperator,
    });
    expect(published.status).toBe(200);
    const page = await invoke(handlers['event-page']!, {
      path: `/agenda/${event.id}`,
      routeKey: 'GET /agenda/{id}',
      pathParameters: { id: event.id },
    });
    const posterUrl = `${process.env.WEB_URL}/agenda/${event.id}/poster`;
    expect(page.body).toContain(`<meta property="og:image" content="${posterUrl}"`);
    expect(page.body).toContain(`"image":["${posterUrl}"]`);
    const request = {
      path: `/agenda/${event.id}/poster`,
      routeKey: 'GET /agenda/{id}/poster',
      pathParameters: { id: event.id },
    };
    const served = await invoke(handlers['event-poster']!, request);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['cache-control']).toBe('public, max-age=300');
    expect(Buffer.from(served.body ?? '', 'base64').equals(png(1200, 630))).toBe(true);
    const again = await invoke(handlers['event-poster']!, {
      ...request,
      headers: { 'if-none-match': served.headers.etag! },
    });
    expect(again.status).toBe(304);
    expect(again.body ?? '').toBe('');
  });

  it('replaces a poster and removes the old object; deleting the draft removes the poster', async () => {
    const event = await createEvent();
    const first = (await upload(event.id, event.version, png(400, 400))).confirmed.json();
    const second = await upload(event.id, first.version, webpHead(800, 600, 'VP8X'), 'image/webp');
    expect(second.confirmed.status, second.confirmed.body).toBe(200);
    const replaced = second.confirmed.json();
    expect(replaced.poster).toMatchObject({ type: 'image/webp', width: 800, height: 600 });
    expect(await objectSize(first.poster.key)).toBeUndefined();
    const deleted = await invoke(handlers['delete-event']!, {
      method: 'DELETE',
      path: `/events/${event.id}`,
      routeKey: 'DELETE /events/{id}',
      pathParameters: { id: event.id },
      ...asOperator,
    });
    expect(deleted.status).toBe(204);
    expect(await objectSize(replaced.poster.key)).toBeUndefined();
  });

  it('refuses files that are no image, too large in pixels or bytes, naming the field, and keeps the event as it was', async () => {
    const event = await createEvent();
    const html = await upload(
      event.id,
      event.version,
      Buffer.from('<html><body>not a poster</body></html>'),
      'image/jpeg',
    );
    expect(html.confirmed.status).toBe(400);
    expect(html.confirmed.headers['content-type']).toBe('application/problem+json');
    expect(fieldsOf(html.confirmed)).toEqual(['file:not_an_image']);
    expect(await objectSize(html.key)).toBeUndefined();

    const huge = await upload(event.id, event.version, jpegHead(4096, 150), 'image/jpeg');
    expect(fieldsOf(huge.confirmed)).toEqual(['width:too_large', 'height:too_small']);

    // Declared small, uploaded large: the stored object's real size decides.
    const started = await eventRoute('start-poster-upload', 'POST', event.id, {
      contentType: 'image/png',
      bytes: 1000,
    });
    const { key, uploadUrl } = started.json() as { key: string; uploadUrl: string };
    const big = Buffer.concat([png(400, 400), Buffer.alloc(1024 * 1024)]);
    await fetch(uploadUrl, { method: 'PUT', body: big, headers: { 'content-type': 'image/png' } });
    const tooBig = await eventRoute(
      'confirm-poster',
      'PUT',
      event.id,
      { key },
      { 'if-match': `"${event.version}"` },
    );
    expect(fieldsOf(tooBig)).toEqual(['bytes:too_large']);

    const declared = await eventRoute('start-poster-upload', 'POST', event.id, {
      contentType: 'image/gif',
      bytes: 2_000_000,
    });
    expect(declared.status).toBe(400);
    expect(
      declared
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['bytes', 'contentType']);
    // Nothing was recorded: the event's version is still the one read before the refusals.
    const good = await upload(event.id, event.version, png(300, 300));
    expect(good.confirmed.json()).toMatchObject({ version: event.version + 1, poster: { width: 300 } });
  });

  it('checks the key belongs to the event and the If-Match is current', async () => {
    const [one, other] = [await createEvent(), await createEvent()];
    const { key } = await upload(one.id, one.version, png(300, 300));
    const elsewhere = await eventRoute(
      'confirm-poster',
      'PUT',
      other.id,
      { key },
      { 'if-match': `"${other.version}"` },
    );
    expect(elsewhere.status).toBe(400);
    expect(fieldsOf(elsewhere)).toEqual(['key:other_event']);
    const stale = await upload(other.id, other.version + 5, png(300, 300));
    expect(stale.confirmed.status).toBe(412);
    const missing = await eventRoute(
      'confirm-poster',
      'PUT',
      other.id,
      { key: key.replace(one.id, other.id) },
      {
        'if-match': `"${other.version}"`,
      },
    );
    expect(fieldsOf(missing)).toEqual(['key:not_uploaded']);
    const noVersion = await eventRoute('confirm-poster', 'PUT', other.id, { key });
    expect(noVersion.status).toBe(428);
  });
});
