import { httpHandler } from '../shared/http.ts';
import { HttpProblem } from '../shared/problem.ts';
import { getPreferences } from './routes.ts';
import { findSubscriber } from './store.ts';
import { toSubscriptionView } from './views.ts';
import { verifyToken } from './tokens.ts';

export const handler = httpHandler(getPreferences, async ({ query }) => {
  const record = await findSubscriber(verifyToken(query.token, 'manage', 'query'));
  if (!record) throw new HttpProblem(410, 'The link is no longer valid.');
  return { body: toSubscriptionView(record), headers: { 'Cache-Control': 'private, no-store' } };
});
