import { httpHandler } from '../shared/http.ts';
import { HttpProblem } from '../shared/problem.ts';
import { updatePreferences } from './routes.ts';
import { filtersOf } from './model.ts';
import { savePreferences } from './store.ts';
import { toSubscriptionView } from './views.ts';
import { verifyToken } from './tokens.ts';

export const handler = httpHandler(updatePreferences, async ({ query, body }) => {
  const subscriberId = verifyToken(query.token, 'manage', 'query');
  const record = await savePreferences(subscriberId, {
    name: body.name,
    language: body.language,
    filters: filtersOf(body),
  });
  if (!record) throw new HttpProblem(410, 'The link is no longer valid; subscribe again.');
  return { body: toSubscriptionView(record), headers: { 'Cache-Control': 'private, no-store' } };
});
