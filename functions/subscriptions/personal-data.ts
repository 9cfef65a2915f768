import { registerPersonalData } from '../shared/personal-data.ts';
import { normaliseEmail } from '../shared/validation.ts';
import { findSubscriber } from './store.ts';
import { toSubscriptionView } from './views.ts';

/**
 * A subscription is keyed by the address, not the account: it is found through the address Cognito
 * verified. The HMAC key needs the subscription secret, which only functions that read subscriptions
 * are given; `tokens.ts` checks it at load, so it is loaded on first use, not in every function that
 * reads this registry.
 */
export const subscriptionsPersonalData = registerPersonalData({
  feature: 'subscriptions',
  holds: 'the address, name and preferences of a digest subscription',
  export: {
    subscription: async ({ email }) => {
      if (!email) return null;
      const { subscriberIdOf } = await import('./tokens.ts');
      const subscriber = await findSubscriber(subscriberIdOf(normaliseEmail(email)));
      return subscriber ? toSubscriptionView(subscriber) : null;
    },
  },
});
