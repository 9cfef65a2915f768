import { httpHandler } from '../shared/http.ts';
import { putMySubscription } from './routes.ts';
import { accountEmail } from './account.ts';
import { filtersOf } from './model.ts';
import { saveConfirmed, unsubscribeSubscriber } from './store.ts';
import { toSubscriptionView } from './views.ts';
import { subscriberIdOf } from './tokens.ts';

/** Cognito verified the address, so a signed-in owner's subscription needs no opt-in mail. */
export const handler = httpHandler(putMySubscription, async ({ caller, body }) => {
  const email = accountEmail(caller);
  const subscriberId = subscriberIdOf(email);
  const preferences = { language: body.language ?? 'id', filters: filtersOf(body) };
  if (!body.subscribed) {
    await unsubscribeSubscriber(subscriberId);
    return {
      body: { status: 'unsubscribed' as const, ...preferences },
      headers: { 'Cache-Control': 'private, no-store' },
    };
  }
  const record = await saveConfirmed(subscriberId, email, preferences, caller.sub);
  return { body: toSubscriptionView(record), headers: { 'Cache-Control': 'private, no-store' } };
});
