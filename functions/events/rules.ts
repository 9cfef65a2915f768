import { bodyFieldError as fieldError, type FieldError } from '../shared/problem.ts';
import type { EventInput } from './schemas.ts';
import { MAX_EVENT_DAYS, MAX_EVENT_MS } from './times.ts';
import { isKecamatan, kelurahanBelongsTo } from '../regions/membership.ts';

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
    // Checked against the codes-only view of the regions data (the names and postal codes are not needed).
    if (!isKecamatan(kecamatan))
      errors.push(fieldError('venue.kecamatan', 'unknown_kecamatan', 'Kota Bekasi has no such kecamatan.'));
    else if (kelurahan !== undefined && !kelurahanBelongsTo(kelurahan, kecamatan))
      errors.push(
        fieldError('venue.kelurahan', 'unknown_kelurahan', 'No such kelurahan in the given kecamatan.'),
      );
  }
  return errors;
}
