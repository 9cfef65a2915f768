import { newId } from '../../functions/shared/ids.ts';
import type { EventInput } from '../../functions/events/schemas.ts';
import { eventInput } from './events.ts';

/** Event records for digest tests: published (or cancelled) straight away, `daysFromNow` ahead. */
export async function publishedEvent(
  overrides: Record<string, unknown>,
  daysFromNow: number,
  cancelReason?: string,
) {
  const { newEventRecord, revise } = await import('../../functions/events/model.ts');
  const now = new Date().toISOString();
  const draft = newEventRecord(eventInput(overrides, daysFromNow) as EventInput, newId(), now, 'operator-1');
  const published = revise(draft, { status: 'published', publishedAt: now }, now);
  return cancelReason
    ? revise(published, { status: 'cancelled', cancellation: { reason: cancelReason, at: now } }, now)
    : published;
}

/** The environment the digest functions read, for tests. */
export const DIGEST_TEST_ENV = {
  MAIL_FROM: 'agenda@umkm.test',
  WEB_URL: 'https://umkm.test',
  API_URL: 'https://api.umkm.test',
  PROGRAMME_ADDRESS: 'Dinas Koperasi dan UKM Kota Bekasi, Jl. Ir. H. Juanda No. 100, Bekasi 17112',
  SES_BACKOFF_MS: '1',
};
