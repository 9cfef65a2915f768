import { buffer } from 'node:stream/consumers';
import { findEvent } from '../events/store.ts';
import { httpHandler, type HttpResult } from '../shared/http.ts';
import { readObject } from '../shared/objects.ts';
import { notFound } from '../shared/problem.ts';
import { eventPoster } from './event-routes.ts';

const CACHE = 'public, max-age=300';

/**
 * The poster itself (at most 1 MiB, checked at upload), so a shared preview keeps one stable image URL.
 * Its ETag is the stored object's key, new at every upload: a cache that sends it back gets a 304 after
 * one GetItem, without reading the bucket. Drafts' posters stay private like the drafts.
 */
export const handler = httpHandler(eventPoster, async ({ path, headers }): Promise<HttpResult> => {
  const record = await findEvent(path.id);
  if (!record || record.status === 'draft' || !record.poster) throw notFound('No poster for this event.');
  const etag = `"${record.poster.key.split('/').pop()}"`;
  if (headers['if-none-match'] === etag)
    return { status: 304, headers: { ETag: etag, 'Cache-Control': CACHE } };
  const body = await buffer(await readObject(record.poster.key));
  return { body, headers: { 'Content-Type': record.poster.type, ETag: etag, 'Cache-Control': CACHE } };
});
