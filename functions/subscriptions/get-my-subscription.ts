import { httpHandler } from '../shared/http.ts';
import { notFound } from '../shared/problem.ts';
import { getMySubscription } from './routes.ts';
import { accountEmail } from './account.ts';
import { findSubscriber } from './store.ts';
import { toSubscriptionView } from './views.ts';
import { subscriberIdOf } from './tokens.ts';

export const handler = httpHandler(getMySubscription, async ({ caller }) => {
  const record = await findSubscriber(subscriberIdOf(accountEmail(caller)));
  if (!record) throw notFound('This account has no subscription.');
  return { body: toSubscriptionView(record), headers: { 'Cache-Control': 'private, no-store' } };
});
