import * as z from 'zod/mini';
import { EVENT_STATUSES } from '../shared/keys.ts';
import { dateTime, EventView } from './schemas.ts';
import { EVENT_TYPES, KECAMATAN_CODE, NEEDS } from './vocabulary.ts';

export const EventPage = z.object({ events: z.array(EventView), cursor: z.optional(z.string()) });

/** A query-string integer in [min, max]. */
export const queryInt = (min: number, max: number) =>
  z.pipe(
    z.string().check(z.regex(/^\d{1,6}$/, { error: 'Must be a whole number.' })),
    z.pipe(z.transform(Number), z.int().check(z.minimum(min), z.maximum(max))),
  );

const listFilters = {
  from: z.optional(dateTime),
  to: z.optional(dateTime),
  type: z.optional(z.enum(EVENT_TYPES)),
  kecamatan: z.optional(z.string().check(z.regex(KECAMATAN_CODE, { error: 'Must be a kecamatan code.' }))),
  need: z.optional(z.enum(NEEDS)),
};

export const PublicListQuery = z.strictObject({
  ...listFilters,
  limit: z.optional(queryInt(1, 100)),
  cursor: z.optional(z.string().check(z.maxLength(500))),
});

export const CalendarQuery = z.strictObject(listFilters);

export const ManageListQuery = z.strictObject({
  status: z.optional(z.enum(EVENT_STATUSES)),
  from: z.optional(dateTime),
  to: z.optional(dateTime),
  limit: z.optional(queryInt(1, 100)),
  cursor: z.optional(z.string().check(z.maxLength(500))),
});
