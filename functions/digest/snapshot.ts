import { eventsCancelledSince, publishedEventsStarting } from '../events/store.ts';
import { toDigestEvent, type DigestSnapshot } from './content.ts';
import { listRuns } from './run-store.ts';

/** What a digest covers: published events of the coming 14 days, cancellations since the last digest. */
const HORIZON_MS = 14 * 86_400_000;
const MAX_EVENTS = 200;

/** When the last digest that went out (not skipped) started; a week ago when there was none. */
export async function lastDigestSince(currentRunId: string | undefined, nowMs: number): Promise<string> {
  const { runs } = await listRuns({ limit: 10, ...(currentRunId ? { before: currentRunId } : {}) });
  const last = runs.find((run) => run.state !== 'skipped' && run.runId !== currentRunId);
  return last?.startedAt ?? new Date(nowMs - 7 * 86_400_000).toISOString();
}

export async function thisWeeksSnapshot(since: string, nowMs: number): Promise<DigestSnapshot> {
  const fromUtc = new Date(nowMs).toISOString();
  return {
    upcoming: (
      await publishedEventsStarting(fromUtc, new Date(nowMs + HORIZON_MS).toISOString(), MAX_EVENTS)
    ).map(toDigestEvent),
    cancelled: (await eventsCancelledSince(since, fromUtc, MAX_EVENTS)).map(toDigestEvent),
    since,
  };
}
