import { httpHandler } from '../shared/http.ts';
import { unsubscribe } from './routes.ts';
import { unsubscribeSubscriber } from './store.ts';
import { verifyToken } from './tokens.ts';

/** RFC 8058 one-click: the POST itself unsubscribes, at once, whatever the state; no second step. */
export const handler = httpHandler(unsubscribe, async ({ query }) => {
  await unsubscribeSubscriber(verifyToken(query.token, 'manage', 'query'));
  return { body: { status: 'unsubscribed' }, headers: { 'Cache-Control': 'no-store' } };
});
