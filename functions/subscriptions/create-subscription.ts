import { httpHandler } from '../shared/http.ts';
import { logger } from '../shared/logger.ts';
import { createSubscription } from './routes.ts';
import { filtersOf } from './model.ts';
import { requestSubscription } from './store.ts';
import { normaliseEmail } from '../shared/validation.ts';
import { subscriberIdOf } from './tokens.ts';

/** The same answer for every address: whether it is new, pending, confirmed or rate-limited stays private. */
const ACCEPTED = {
  status: 'accepted',
  detail: 'If the address can receive our mail, a confirmation link is on its way.',
} as const;

export const handler = httpHandler(createSubscription, async ({ body }) => {
  const email = normaliseEmail(body.email);
  const queued = await requestSubscription(subscriberIdOf(email), email, {
    name: body.name,
    language: body.language ?? 'id',
    filters: filtersOf(body),
  });
  if (!queued) logger.info('subscription request without mail (confirmed or rate-limited)');
  return { status: 202, body: ACCEPTED, headers: { 'Cache-Control': 'no-store' } };
});
