import { findEvent } from '../events/store.ts';
import { httpHandler } from '../shared/http.ts';
import { presignObjectUrl } from '../shared/presign.ts';
import { notFound } from '../shared/problem.ts';
import { eventPoster } from './event-routes.ts';

/** Presigned downloads outlive the redirect's cache by far, so a cached redirect never leads to a 403. */
const LINK_SECONDS = 60 * 60;
const CACHE_SECONDS = 5 * 60;

/** Drafts' posters stay private like the drafts; events without an uploaded poster answer 404. */
export const handler = httpHandler(eventPoster, async ({ path }) => {
  const record = await findEvent(path.id);
  if (!record || record.status === 'draft' || !record.poster) throw notFound('No poster for this event.');
  const location = await presignObjectUrl('GET', record.poster.key, { expiresInSeconds: LINK_SECONDS });
  return {
    status: 302,
    headers: { Location: location, 'Cache-Control': `public, max-age=${CACHE_SECONDS}` },
  };
});
