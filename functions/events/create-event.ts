import { etag } from '../shared/versioning.ts';
import { newId } from '../shared/ids.ts';
import { httpHandler } from '../shared/http.ts';
import { badRequest } from '../shared/problem.ts';
import { createEvent } from './routes.ts';
import { eventRuleErrors } from './rules.ts';
import { newEventRecord, toView } from './model.ts';
import { insertEvent } from './store.ts';

export const handler = httpHandler(createEvent, async ({ body, caller }) => {
  const errors = eventRuleErrors(body);
  if (errors.length > 0) throw badRequest('The event has invalid fields.', errors);
  const record = newEventRecord(body, newId(), new Date().toISOString(), caller.sub);
  await insertEvent(record);
  return {
    status: 201,
    body: toView(record),
    headers: { ETag: etag(record.version), Location: `/events/${record.id}` },
  };
});
