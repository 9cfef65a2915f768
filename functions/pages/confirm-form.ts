import { HttpProblem } from '../shared/problem.ts';
import { confirmSubscriber, findSubscriber } from '../subscriptions/store.ts';
import { signToken, verifyToken } from '../subscriptions/tokens.ts';
import { pageHandler, personalPage, requireSameOrigin } from './layout.ts';
import { confirmForm } from './subscription-routes.ts';
import { confirmedPage } from './subscription-views.ts';

export const handler = pageHandler(confirmForm, async ({ body, headers }) => {
  requireSameOrigin(headers);
  const subscriberId = verifyToken(body.token, 'confirm', 'body');
  if (!(await confirmSubscriber(subscriberId)))
    throw new HttpProblem(410, 'The link is no longer valid; subscribe again.');
  const record = await findSubscriber(subscriberId);
  return personalPage(confirmedPage(record?.language ?? 'id', signToken('manage', subscriberId)));
});
