import * as z from 'zod/mini';
import { defineRoute } from '../shared/route.ts';
import {
  Accepted,
  MySubscriptionBody,
  PreferencesBody,
  SubscribeBody,
  SubscriptionView,
  TokenBody,
  TokenQuery,
  UnsubscribeBody,
} from './schemas.ts';

const TAG = 'Subscriptions';

export const createSubscription = defineRoute({
  id: 'createSubscription',
  method: 'POST',
  path: '/subscriptions',
  handler: 'subscriptions/create-subscription.ts',
  // Anyone may call it without an account: keep bot sign-ups from flooding the opt-in mail.
  throttle: { rateLimit: 5, burstLimit: 10 },
  subscriptionSecret: true,
  access: 'public',
  tag: TAG,
  summary:
    'Subscribe to event news without an account: always 202; a confirmation mail (double opt-in) follows, at most 3 per address per day',
  request: { body: SubscribeBody },
  response: {
    status: 202,
    description: 'Accepted (the same answer whether or not the address is known)',
    schema: Accepted,
  },
  table: { actions: ['GetItem', 'UpdateItem', 'PutItem'] },
});

export const confirmSubscription = defineRoute({
  id: 'confirmSubscription',
  method: 'POST',
  path: '/subscriptions/confirm',
  handler: 'subscriptions/confirm-subscription.ts',
  subscriptionSecret: true,
  access: 'public',
  tag: TAG,
  summary: 'Confirm a subscription with the token from the confirmation mail (idempotent)',
  request: { body: TokenBody },
  response: {
    status: 200,
    description: 'Confirmed; a token for the preferences page comes with it',
    schema: z.object({ status: z.literal('confirmed'), manageToken: z.string() }),
  },
  errors: [410],
  table: { actions: ['UpdateItem'] },
});

export const getPreferences = defineRoute({
  id: 'getPreferences',
  method: 'GET',
  path: '/subscriptions/preferences',
  handler: 'subscriptions/get-preferences.ts',
  subscriptionSecret: true,
  access: 'public',
  tag: TAG,
  summary: 'Read filters and language with the token from any mail',
  request: { query: TokenQuery },
  response: { status: 200, description: 'The subscription', schema: SubscriptionView },
  errors: [410],
  table: { actions: ['GetItem'] },
});

export const updatePreferences = defineRoute({
  id: 'updatePreferences',
  method: 'PUT',
  path: '/subscriptions/preferences',
  handler: 'subscriptions/update-preferences.ts',
  subscriptionSecret: true,
  access: 'public',
  tag: TAG,
  summary: 'Change filters and language with the token from any mail',
  request: { query: TokenQuery, body: PreferencesBody },
  response: { status: 200, description: 'The subscription', schema: SubscriptionView },
  errors: [410],
  table: { actions: ['UpdateItem'] },
});

export const unsubscribe = defineRoute({
  id: 'unsubscribe',
  method: 'POST',
  path: '/subscriptions/unsubscribe',
  handler: 'subscriptions/unsubscribe.ts',
  subscriptionSecret: true,
  access: 'public',
  tag: TAG,
  summary:
    'Unsubscribe at once (RFC 8058 one-click: form body `List-Unsubscribe=One-Click`, or JSON); idempotent',
  request: { query: TokenQuery, body: UnsubscribeBody },
  bodyFormat: 'json-or-form',
  response: {
    status: 200,
    description: 'Unsubscribed',
    schema: z.object({ status: z.literal('unsubscribed') }),
  },
  errors: [410],
  table: { actions: ['UpdateItem'] },
});

export const unsubscribePage = defineRoute({
  id: 'unsubscribePage',
  method: 'GET',
  path: '/subscriptions/unsubscribe',
  handler: 'subscriptions/unsubscribe-page.ts',
  subscriptionSecret: true,
  access: 'public',
  tag: TAG,
  summary:
    'What an unsubscribe page needs to ask (never unsubscribes: link scanners open links); POST the same URL to unsubscribe',
  request: { query: TokenQuery },
  response: {
    status: 200,
    description: 'The question to ask',
    schema: z.object({
      subscribed: z.boolean(),
      language: z.enum(['id', 'en']),
      confirm: z.object({ method: z.literal('POST'), body: z.string() }),
    }),
  },
  errors: [410],
  table: { actions: ['GetItem'] },
});

export const getMySubscription = defineRoute({
  id: 'getMySubscription',
  method: 'GET',
  path: '/me/subscription',
  handler: 'subscriptions/get-my-subscription.ts',
  subscriptionSecret: true,
  access: 'owner',
  tag: TAG,
  summary: 'The signed-in owner’s event subscription (for the account’s verified email)',
  request: {},
  response: { status: 200, description: 'The subscription', schema: SubscriptionView },
  errors: [404, 409],
  table: { actions: ['GetItem'] },
});

export const putMySubscription = defineRoute({
  id: 'putMySubscription',
  method: 'PUT',
  path: '/me/subscription',
  handler: 'subscriptions/put-my-subscription.ts',
  subscriptionSecret: true,
  access: 'owner',
  tag: TAG,
  summary: 'Subscribe or unsubscribe the signed-in owner’s verified email, with filters and language',
  request: { body: MySubscriptionBody },
  response: { status: 200, description: 'The subscription', schema: SubscriptionView },
  errors: [409],
  table: { actions: ['UpdateItem'] },
});
