import { HttpProblem } from '../shared/problem.ts';
import { findSubscriber } from '../subscriptions/store.ts';
import { toSubscriptionView } from '../subscriptions/views.ts';
import { verifyToken } from '../subscriptions/tokens.ts';
import { pageHandler, personalPage } from './layout.ts';
import { preferencesPage } from './subscription-routes.ts';
import { preferencesPage as render } from './subscription-views.ts';

export const handler = pageHandler(preferencesPage, async ({ query }) => {
  const record = await findSubscriber(verifyToken(query.token, 'manage', 'query'));
  if (!record || (record.status !== 'pending' && record.status !== 'confirmed'))
    throw new HttpProblem(410, 'The link is no longer valid.');
  return personalPage(render(toSubscriptionView(record), query.token));
});
