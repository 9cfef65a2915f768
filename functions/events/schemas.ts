import * as z from 'zod/mini';
import { EMAIL } from '../shared/patterns.ts';
import { freeText } from '../shared/text.ts';
import { httpsUrl } from '../shared/url.ts';
import { EVENT_STATUSES } from '../shared/keys.ts';
import { IMAGE_TYPES } from '../shared/image-header.ts';

export { EVENT_TYPES, NEEDS, ULID } from './vocabulary.ts';
import { EVENT_TYPES, KECAMATAN_CODE, NEEDS, ULID } from './vocabulary.ts';

const link = httpsUrl(2000);

const text = (min: number, max: number) => freeText({ min, max });
const paragraphs = (min: number, max: number) => freeText({ min, max, multiline: true });
/** ISO 8601 date-time with seconds and an offset (`Z` or `±hh:mm`): event times are never local-only. */
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;
export const dateTime = z.string().check(
  z.regex(ISO_WITH_OFFSET, { error: 'Must be an ISO 8601 date-time with an offset.' }),
  z.refine((value) => !Number.isNaN(Date.parse(value)), { error: 'Must be a real date and time.' }),
);

const Venue = z.strictObject({
  name: text(2, 200),
  address: text(5, 500),
  kecamatan: z
    .string()
    .check(z.regex(KECAMATAN_CODE, { error: 'Must be a Kota Bekasi kecamatan code like 32.75.01.' })),
  kelurahan: z.optional(
    z.string().check(z.regex(/^32\.75\.\d{2}\.\d{4}$/, { error: 'Must be a kelurahan code.' })),
  ),
});

const Registration = z.strictObject({
  url: z.optional(link),
  deadline: z.optional(dateTime),
});

const Contact = z.strictObject({
  name: z.optional(text(2, 120)),
  phone: z.optional(z.string().check(z.regex(/^\+?[0-9 -]{6,20}$/, { error: 'Must be a phone number.' }))),
  email: z.optional(
    z.string().check(z.maxLength(254), z.regex(EMAIL, { error: 'Must be an email address.' })),
  ),
});

/** Every field an operator writes; optional ones may be left out. PATCH takes any subset. */
const eventFields = {
  title: text(3, 200),
  type: z.enum(EVENT_TYPES),
  description: paragraphs(10, 5000),
  start: dateTime,
  end: dateTime,
  venue: z.optional(Venue),
  onlineUrl: z.optional(link),
  organiser: text(2, 200),
  registration: z.optional(Registration),
  quota: z.optional(z.int().check(z.minimum(1), z.maximum(1_000_000))),
  fee: z.optional(z.int().check(z.minimum(0), z.maximum(100_000_000))),
  eligibility: z.optional(paragraphs(2, 1000)),
  contact: z.optional(Contact),
  needs: z.optional(z.array(z.enum(NEEDS)).check(z.maxLength(NEEDS.length))),
  tags: z.optional(z.array(text(1, 40)).check(z.maxLength(20))),
  posterUrl: z.optional(link),
};

export const EventInput = z.strictObject(eventFields);
export const EventPatch = z.partial(z.strictObject(eventFields));
export type EventInput = z.output<typeof EventInput>;
export type EventPatch = z.output<typeof EventPatch>;

/** The poster as the event records it (the object key is internal to the bucket, not a URL). */
export const Poster = z.object({
  key: z.string(),
  type: z.enum(IMAGE_TYPES),
  width: z.int(),
  height: z.int(),
  bytes: z.int(),
  uploadedAt: z.string(),
});
export type Poster = z.output<typeof Poster>;

export const EventView = z.object({
  ...eventFields,
  id: z.string(),
  status: z.enum(EVENT_STATUSES),
  fee: z.int(),
  needs: z.array(z.enum(NEEDS)),
  tags: z.array(z.string()),
  cancellation: z.optional(z.object({ reason: z.string(), at: z.string() })),
  version: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  publishedAt: z.optional(z.string()),
  /** The uploaded poster (`PUT /events/{id}/poster`); the pages serve it at `/agenda/{id}/poster`. */
  poster: z.optional(Poster),
});
export type EventView = z.output<typeof EventView>;

export const CancelBody = z.strictObject({ reason: paragraphs(5, 1000) });

export const EventIdPath = z.strictObject({
  id: z.string().check(z.regex(ULID, { error: 'Must be an event id (ULID).' })),
});
