/**
 * Digest weeks: ISO 8601 weeks (Monday first) counted in Asia/Jakarta time (WIB, UTC+7, no DST), written
 * `2026-W49`. A run's id is its week; a forced demo run adds a suffix (`2026-W49-f1a2b3`).
 */
const WIB_OFFSET_MS = 7 * 3600 * 1000;
const DAY_MS = 86_400_000;

export const RUN_ID = /^\d{4}-W\d{2}(-f[0-9a-z]{1,12})?$/;

export function isoWeekOf(instant: Date): string {
  const wib = new Date(instant.getTime() + WIB_OFFSET_MS);
  const day = new Date(Date.UTC(wib.getUTCFullYear(), wib.getUTCMonth(), wib.getUTCDate()));
  // The Thursday of this ISO week decides its year.
  const weekday = (day.getUTCDay() + 6) % 7;
  const thursday = new Date(day.getTime() + (3 - weekday) * DAY_MS);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = Math.floor((thursday.getTime() - yearStart) / DAY_MS / 7) + 1;
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The ISO week a run id belongs to. */
export const weekOfRun = (runId: string): string => runId.slice(0, 8);

/** A fresh run id for a forced run in `week` (demos: the week's own run already went out). */
export const forcedRunId = (week: string, nowMs: number): string => `${week}-f${nowMs.toString(36)}`;
