import { findSubscriber, unsubscribeSubscriber } from '../subscriptions/store.ts';
import { verifyToken } from '../subscriptions/tokens.ts';
import { pageHandler, personalPage, requireSameOrigin } from './layout.ts';
import { stopForm } from './subscription-routes.ts';
import { unsubscribedPage } from './subscription-views.ts';

/** Idempotent, like the one-click POST: a second press says the same. */
export const handler = pageHandler(stopForm, async ({ body, headers }) => {
  requireSameOrigin(headers);
  const subscriberId = verifyToken(body.token, 'manage', 'body');
  const record = await findSubscriber(subscriberId);
  await unsubscribeSubscriber(subscriberId);
  return personalPage(unsubscribedPage(record?.language ?? 'id'));
});
