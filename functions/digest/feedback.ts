import type { EventBridgeEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { logger } from '../shared/logger.ts';
import { countSoftBounce, suppressSubscriber } from '../subscriptions/store.ts';
import { countSuppressed } from './run-store.ts';
import { RUN_ID } from './week.ts';

/**
 * SES feedback, from the configuration set's event destination (EventBridge): a hard bounce or a
 * complaint suppresses the subscriber at once; soft bounces are counted and suppress at
 * SOFT_BOUNCE_LIMIT. The subscriber comes from the mail's `subscriber` tag (the address is never looked
 * up or logged). The payload is validated before anything is done; SES adds fields over time, so unknown
 * fields are allowed here (the one boundary we do not own).
 */
const softBounceLimit = Number(process.env.SOFT_BOUNCE_LIMIT ?? 3);

const Tags = z.record(z.string(), z.array(z.string()));
const SesEvent = z.object({
  eventType: z.enum(['Bounce', 'Complaint']),
  mail: z.object({ tags: z.optional(Tags) }),
  bounce: z.optional(
    z.object({
      bounceType: z.enum(['Permanent', 'Transient', 'Undetermined']),
      bounceSubType: z.optional(z.string()),
    }),
  ),
  complaint: z.optional(z.object({})),
});

const SUBSCRIBER_ID = /^[\w-]{10,100}$/;

export async function handler(event: EventBridgeEvent<string, unknown>): Promise<void> {
  const parsed = SesEvent.safeParse(event.detail);
  if (!parsed.success) {
    logger.error('SES event is not a bounce or complaint we understand; ignored', { id: event.id });
    return;
  }
  const detail = parsed.data;
  const subscriberId = detail.mail.tags?.subscriber?.[0];
  const runId = detail.mail.tags?.run?.[0];
  if (!subscriberId || !SUBSCRIBER_ID.test(subscriberId)) {
    logger.warn('SES event names no subscriber; ignored', { id: event.id, eventType: detail.eventType });
    return;
  }
  const counted = runId && RUN_ID.test(runId) ? countSuppressed(runId) : undefined;
  const now = Date.now();
  if (detail.eventType === 'Complaint' || detail.bounce?.bounceType === 'Permanent') {
    const reason = detail.eventType === 'Complaint' ? 'complaint' : 'hard-bounce';
    const suppressed = await suppressSubscriber(subscriberId, reason, now, counted);
    logger.info('subscriber suppressed', { id: event.id, reason, changed: suppressed });
    return;
  }
  const count = await countSoftBounce(subscriberId, now);
  if (count >= softBounceLimit) {
    const suppressed = await suppressSubscriber(subscriberId, 'soft-bounces', now, counted);
    logger.info('subscriber suppressed after repeated soft bounces', {
      id: event.id,
      count,
      changed: suppressed,
    });
  } else {
    logger.info('soft bounce counted', { id: event.id, count });
  }
}
