import { etag } from '../shared/versioning.ts';
import { httpHandler } from '../shared/http.ts';
import { conflict } from '../shared/problem.ts';
import { publishEvent } from './routes.ts';
import { revise, toView } from './model.ts';
import { replaceEvent, requireEvent } from './store.ts';

export const handler = httpHandler(publishEvent, async ({ path }) => {
  const current = await requireEvent(path.id);
  if (current.status !== 'draft') throw conflict(`The event is already ${current.status}.`);
  const now = new Date().toISOString();
  const next = revise(current, { status: 'published', publishedAt: now }, now);
  await replaceEvent(next, current);
  return { body: toView(next), headers: { ETag: etag(next.version) } };
});
