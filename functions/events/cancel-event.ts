import { etag } from '../shared/versioning.ts';
import { httpHandler } from '../shared/http.ts';
import { conflict } from '../shared/problem.ts';
import { cancelEvent } from './routes.ts';
import { revise, toView } from './model.ts';
import { replaceEvent, requireEvent } from './store.ts';

export const handler = httpHandler(cancelEvent, async ({ path, body }) => {
  const current = await requireEvent(path.id);
  if (current.status === 'draft') throw conflict('A draft is not announced yet: delete it instead.');
  if (current.status === 'cancelled') throw conflict('The event is already cancelled.');
  const now = new Date().toISOString();
  const next = revise(current, { status: 'cancelled', cancellation: { reason: body.reason, at: now } }, now);
  await replaceEvent(next, current);
  return { body: toView(next), headers: { ETag: etag(next.version) } };
});
