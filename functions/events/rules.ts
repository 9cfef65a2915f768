import { findKecamatan, kelurahanBelongsTo } from '../regions/regions.ts';
import type { FieldError } from '../shared/problem.ts';
import type { EventInput } from './schemas.ts';

/** Longest event the calendar takes; listings rely on it to find events that began before `from`. */
export const MAX_EVENT_DAYS = 31;
export const MAX_EVENT_MS = MAX_EVENT_DAYS * 24 * 3600 * 1000;

const WIB_OFFSET_MS = 7 * 3600 * 1000;

/** An instant written in WIB (Asia/Jakarta, UTC+7, no daylight saving): `2026-03-01T09:00:00+07:00`. */
export const toWib = (iso: string): string =>
  `${new Date(Date.parse(iso) + WIB_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;

/** The same instant in UTC, millisecond precision: the form the index sort keys use. */
export const toUtc = (iso: string): string => new Date(Date.parse(iso)).toISOString();

const fieldError = (path: string, code: string, message: string): FieldError => ({
  in: 'body',
  path,
  code,
  message,
});

/** Rules across fields that a schema cannot state: one error per bad field, as the stack reports them. */
export function eventRuleErrors(event: EventInput): FieldError[] {
  const errors: FieldError[] = [];
  const start = Date.parse(event.start);
  const end = Date.parse(event.end);
  if (end <= start) errors.push(fieldError('end', 'end_before_start', 'Must be after the start.'));
  else if (end - start > MAX_EVENT_MS)
    errors.push(fieldError('end', 'too_long', `An event lasts at most ${MAX_EVENT_DAYS} days.`));
  const deadline = event.registration?.deadline;
  if (deadline !== undefined && Date.parse(deadline) > end)
    errors.push(
      fieldError('registration.deadline', 'deadline_after_end', 'Must not be after the event ends.'),
    );
  if (!event.venue && !event.onlineUrl)
    errors.push(fieldError('venue', 'required', 'Give a venue, an online link, or both.'));
  if (event.venue) {
    const { kecamatan, kelurahan } = event.venue;
    if (!findKecamatan(kecamatan))
      errors.push(fieldError('venue.kecamatan', 'unknown_kecamatan', 'Kota Bekasi has no such kecamatan.'));
    else if (kelurahan !== undefined && !kelurahanBelongsTo(kelurahan, kecamatan))
      errors.push(
        fieldError('venue.kelurahan', 'unknown_kelurahan', 'No such kelurahan in the given kecamatan.'),
      );
  }
  return errors;
}
