import { etag } from '../shared/versioning.ts';
import { httpHandler } from '../shared/http.ts';
import { HttpProblem, badRequest, conflict, preconditionFailed } from '../shared/problem.ts';
import { updateEvent } from './routes.ts';
import { eventRuleErrors } from './rules.ts';
import { edited, toView } from './model.ts';
import { replaceEvent, requireEvent } from './store.ts';

/** `"3"` or `W/"3"` → 3. */
const versionIn = (ifMatch: string | undefined): number | undefined => {
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(ifMatch?.trim() ?? '');
  return match ? Number(match[1]) : undefined;
};

export const handler = httpHandler(updateEvent, async ({ path, body, headers }) => {
  const ifMatch = headers['if-match'];
  if (ifMatch === undefined) throw new HttpProblem(428, 'Send If-Match with the ETag of the event you read.');
  const current = await requireEvent(path.id);
  if (current.status === 'cancelled') throw conflict('A cancelled event can no longer be edited.');
  if (versionIn(ifMatch) !== current.version) throw preconditionFailed();
  const merged = { ...toView(current), ...body };
  const errors = eventRuleErrors(merged);
  if (errors.length > 0) throw badRequest('The event has invalid fields.', errors);
  const next = edited(current, merged, new Date().toISOString());
  await replaceEvent(next, current);
  return { body: toView(next), headers: { ETag: etag(next.version) } };
});
