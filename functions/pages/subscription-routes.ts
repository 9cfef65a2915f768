import { defineRoute } from '../shared/route.ts';
import { PreferencesForm, TokenForm, TokenQuery } from './subscription-schemas.ts';

/**
 * Pages the backend renders (text/html), for people who follow a link from a mail or a shared message.
 * Their paths are Indonesian and apart from the JSON API (`/langganan/…`, `/agenda/…`), so a stage with a
 * city website can serve the same paths there and mails only change their base URL; content negotiation
 * on `/events/{id}` would have put HTML and JSON (and both bundles) behind one URL, and a cache in front
 * would have had to vary on `Accept`.
 *
 * Nothing changes on a GET (mail scanners follow links): each subscription page's button POSTs the form
 * to the same path.
 */
const TAG = 'Pages';
const page = (description: string) => ({
  status: 200,
  description,
  mediaType: 'text/html',
  errorPages: true,
  headers: ['Cache-Control' as const],
});

export const confirmPage = defineRoute({
  id: 'confirmPage',
  method: 'GET',
  path: '/langganan/konfirmasi',
  handler: 'pages/confirm-page.ts',
  subscriptionSecret: true,
  access: 'public',
  tag: TAG,
  summary: 'Page: confirm a subscription (a button that POSTs; the link from the confirmation mail)',
  request: { query: TokenQuery },
  response: page('The confirmation page'),
  errors: [410],
  table: { actions: ['GetItem'] },
});

export const confirmForm = defineRoute({
  id: 'confirmForm',
  method: 'POST',
  path: '/langganan/konfirmasi',
  handler: 'pages/confirm-form.ts',
  subscriptionSecret: true,
  access: 'public',
  tag: TAG,
  summary: 'Page: confirms the subscription (form POST from the confirmation page) and says so',
  request: { body: TokenForm },
  bodyFormat: 'form',
  response: page('Confirmed'),
  errors: [403, 410],
  // Reads the language after confirming, to answer in it.
  table: { actions: ['UpdateItem', 'GetItem'] },
});

export const preferencesPage = defineRoute({
  id: 'preferencesPage',
  method: 'GET',
  path: '/langganan/preferensi',
  handler: 'pages/preferences-page.ts',
  subscriptionSecret: true,
  access: 'public',
  tag: TAG,
  summary: 'Page: the subscriber’s preferences as a form (kecamatan, event types, needs, language)',
  request: { query: TokenQuery },
  response: page('The preferences form'),
  errors: [410],
  table: { actions: ['GetItem'] },
});

export const preferencesForm = defineRoute({
  id: 'preferencesForm',
  method: 'POST',
  path: '/langganan/preferensi',
  handler: 'pages/preferences-form.ts',
  subscriptionSecret: true,
  access: 'public',
  tag: TAG,
  summary: 'Page: saves the preferences form and shows what was saved',
  request: { body: PreferencesForm },
  bodyFormat: 'form',
  response: page('Saved'),
  errors: [403, 410],
  table: { actions: ['UpdateItem'] },
});

export const stopPage = defineRoute({
  id: 'stopPage',
  method: 'GET',
  path: '/langganan/berhenti',
  handler: 'pages/stop-page.ts',
  subscriptionSecret: true,
  access: 'public',
  tag: TAG,
  summary: 'Page: one button to unsubscribe (the visible unsubscribe link in every mail)',
  request: { query: TokenQuery },
  response: page('The unsubscribe page'),
  errors: [410],
  table: { actions: ['GetItem'] },
});

export const stopForm = defineRoute({
  id: 'stopForm',
  method: 'POST',
  path: '/langganan/berhenti',
  handler: 'pages/stop-form.ts',
  subscriptionSecret: true,
  access: 'public',
  tag: TAG,
  summary: 'Page: unsubscribes (form POST from the unsubscribe page) and says so',
  request: { body: TokenForm },
  bodyFormat: 'form',
  response: page('Unsubscribed'),
  errors: [403],
  // Reads the language before forgetting the address, to answer in it.
  table: { actions: ['GetItem', 'UpdateItem'] },
});
