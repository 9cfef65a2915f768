import { httpHandler } from '../shared/http.ts';
import { unsubscribePage } from './routes.ts';
import { findSubscriber } from './store.ts';
import { verifyToken } from './tokens.ts';

/** A GET never unsubscribes (mail scanners open links): it tells the page what to ask and how to confirm. */
export const handler = httpHandler(unsubscribePage, async ({ query }) => {
  const record = await findSubscriber(verifyToken(query.token, 'manage', 'query'));
  return {
    body: {
      subscribed: record !== undefined && record.status !== 'unsubscribed',
      language: record?.language ?? 'id',
      confirm: { method: 'POST', body: 'List-Unsubscribe=One-Click' },
    },
    headers: { 'Cache-Control': 'private, no-store' },
  };
});
