import { etag } from '../shared/versioning.ts';
import { httpHandler } from '../shared/http.ts';
import { notFound } from '../shared/problem.ts';
import { getEvent } from './routes.ts';
import { toView } from './model.ts';
import { findEvent } from './store.ts';

/** Drafts are not announced yet: to the public they do not exist. */
export const handler = httpHandler(getEvent, async ({ path }) => {
  const record = await findEvent(path.id);
  if (!record || record.status === 'draft') throw notFound('No such event.');
  return {
    body: toView(record),
    headers: { ETag: etag(record.version), 'Cache-Control': 'public, max-age=60' },
  };
});
