import { findSubscriber } from '../subscriptions/store.ts';
import { toSubscriptionView } from '../subscriptions/views.ts';
import { verifyToken } from '../subscriptions/tokens.ts';
import { pageHandler, personalPage } from './layout.ts';
import { stopPage } from './subscription-routes.ts';
import { unsubscribePage as render } from './subscription-views.ts';

/** Asks, and its one button POSTs; an address already gone gets a page that says so (not an error). */
export const handler = pageHandler(stopPage, async ({ query }) => {
  const record = await findSubscriber(verifyToken(query.token, 'manage', 'query'));
  const subscribed = record?.status === 'pending' || record?.status === 'confirmed';
  const view = record && subscribed ? toSubscriptionView(record) : undefined;
  return personalPage(render(record?.language ?? 'id', view?.email, subscribed, query.token));
});
