/** Longest event the calendar takes; listings rely on it to find events that began before `from`. */
export const MAX_EVENT_DAYS = 31;
export const MAX_EVENT_MS = MAX_EVENT_DAYS * 24 * 3600 * 1000;

const WIB_OFFSET_MS = 7 * 3600 * 1000;

/** An instant written in WIB (Asia/Jakarta, UTC+7, no daylight saving): `2026-03-01T09:00:00+07:00`. */
export const toWib = (iso: string): string =>
  `${new Date(Date.parse(iso) + WIB_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;

/** The same instant in UTC, millisecond precision: the form the index sort keys use. */
export const toUtc = (iso: string): string => new Date(Date.parse(iso)).toISOString();
