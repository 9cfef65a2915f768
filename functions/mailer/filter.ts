import { OUTBOX_PREFIX } from '../shared/keys.ts';

/**
 * Which stream records wake the mailer: new outbox items only. The mailer's worker row
 * (`functions/workers.ts`) carries it: CDK makes it the event source mapping's filter criteria, and the
 * local runtime applies the same pattern.
 */
export const OUTBOX_FILTER_PATTERN = {
  eventName: ['INSERT'],
  dynamodb: { NewImage: { SK: { S: [{ prefix: OUTBOX_PREFIX }] } } },
} as const;
