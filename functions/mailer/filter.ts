import { OUTBOX_PREFIX } from '../shared/keys.ts';

/**
 * Which stream records wake the mailer: new outbox items only. The CDK event source mapping takes this
 * pattern as its filter criteria; the local runtime applies the same pattern with `matchesOutbox`.
 */
export const OUTBOX_FILTER_PATTERN = {
  eventName: ['INSERT'],
  dynamodb: { NewImage: { SK: { S: [{ prefix: OUTBOX_PREFIX }] } } },
} as const;

export const matchesOutbox = (record: {
  eventName?: string;
  dynamodb?: { NewImage?: Record<string, { S?: string }> };
}): boolean =>
  record.eventName === 'INSERT' && (record.dynamodb?.NewImage?.SK?.S?.startsWith(OUTBOX_PREFIX) ?? false);
