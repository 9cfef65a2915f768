import { HttpProblem } from '../shared/problem.ts';
import { findSubscriber } from '../subscriptions/store.ts';
import { toSubscriptionView } from '../subscriptions/views.ts';
import { signToken, verifyToken } from '../subscriptions/tokens.ts';
import { pageHandler, personalPage } from './layout.ts';
import { confirmPage } from './subscription-routes.ts';
import { confirmPage as render } from './subscription-views.ts';

/** Opening the link confirms nothing (mail scanners open links): the page asks, its button POSTs. */
export const handler = pageHandler(confirmPage, async ({ query }) => {
  const subscriberId = verifyToken(query.token, 'confirm', 'query');
  const record = await findSubscriber(subscriberId);
  if (!record || (record.status !== 'pending' && record.status !== 'confirmed'))
    throw new HttpProblem(410, 'The link is no longer valid; subscribe again.');
  return personalPage(render(toSubscriptionView(record), query.token, signToken('manage', subscriberId)));
});
