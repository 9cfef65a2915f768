import { httpHandler } from '../shared/http.ts';
import { HttpProblem } from '../shared/problem.ts';
import { confirmSubscription } from './routes.ts';
import { confirmSubscriber } from './store.ts';
import { signToken, verifyToken } from './tokens.ts';

export const handler = httpHandler(confirmSubscription, async ({ body }) => {
  const subscriberId = verifyToken(body.token, 'confirm', 'body');
  if (!(await confirmSubscriber(subscriberId)))
    throw new HttpProblem(410, 'The link is no longer valid; subscribe again.');
  return {
    body: { status: 'confirmed', manageToken: signToken('manage', subscriberId) },
    headers: { 'Cache-Control': 'no-store' },
  };
});
