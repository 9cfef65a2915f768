import * as z from 'zod/mini';
import { Page, pageQuery } from '../shared/paging.ts';
import { EVENT_STATUSES } from '../shared/keys.ts';
import { dateTime, EventView } from './schemas.ts';
import { EVENT_TYPES, KECAMATAN_CODE, NEEDS } from './vocabulary.ts';

export const EventPage = Page(EventView);

const listFilters = {
  from: z.optional(dateTime),
  to: z.optional(dateTime),
  type: z.optional(z.enum(EVENT_TYPES)),
  kecamatan: z.optional(z.string().check(z.regex(KECAMATAN_CODE, { error: 'Must be a kecamatan code.' }))),
  need: z.optional(z.enum(NEEDS)),
};

export const PublicListQuery = z.strictObject({
  ...listFilters,
  ...pageQuery,
});

export const CalendarQuery = z.strictObject(listFilters);

export const ManageListQuery = z.strictObject({
  status: z.optional(z.enum(EVENT_STATUSES)),
  from: z.optional(dateTime),
  to: z.optional(dateTime),
  ...pageQuery,
});
