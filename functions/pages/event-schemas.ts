import * as z from 'zod/mini';
import { EVENT_TYPES, NEEDS, ULID } from '../events/vocabulary.ts';
import { LANGUAGES } from '../subscriptions/vocabulary.ts';

export const LanguageQuery = z.strictObject({ lang: z.optional(z.enum(LANGUAGES)) });

export const EventPath = z.strictObject({
  id: z.string().check(z.regex(ULID, { error: 'Must be an event id (ULID).' })),
});

/** The public list's filters as its GET form sends them: a select left at "all" sends an empty value. */
export const AgendaQuery = z.strictObject({
  kecamatan: z.optional(
    z.string().check(z.regex(/^(32\.75\.\d{2})?$/, { error: 'Must be a kecamatan code.' })),
  ),
  type: z.optional(z.enum(['', ...EVENT_TYPES])),
  need: z.optional(z.enum(['', ...NEEDS])),
  lang: z.optional(z.enum(LANGUAGES)),
  cursor: z.optional(z.string().check(z.maxLength(500))),
});
