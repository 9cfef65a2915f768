import * as z from 'zod/mini';
import { EVENT_TYPES, KECAMATAN_CODE, NEEDS, ULID } from '../events/vocabulary.ts';
import { LANGUAGES } from '../subscriptions/schemas.ts';

/**
 * What the pages take: link tokens in the query, plain HTML form fields in POST bodies (a checkbox group
 * arrives as one value or a list), and the public list's filters as a GET form sends them (`""` for
 * "all").
 */

const Token = z.string().check(z.minLength(10), z.maxLength(1000));
export const TokenQuery = z.strictObject({ token: Token });
export const TokenForm = z.strictObject({ token: Token });

/** Checkboxes of one name: none, one value or several; always a list after parsing. */
const checked = <T extends z.ZodMiniType<string>>(item: T, max: number) =>
  z.optional(
    z.pipe(
      z.transform((value: unknown) => (Array.isArray(value) ? (value as unknown[]) : [value])),
      z.array(item).check(z.maxLength(max)),
    ),
  );

/** An empty text field means "leave as it is". */
const optionalText = (max: number) =>
  z.optional(
    z.pipe(
      z.string().check(z.trim(), z.maxLength(max)),
      z.transform((value) => (value === '' ? undefined : value)),
    ),
  );

export const PreferencesForm = z.strictObject({
  token: Token,
  name: optionalText(100),
  language: z.enum(LANGUAGES),
  kecamatan: checked(z.string().check(z.regex(KECAMATAN_CODE, { error: 'Must be a kecamatan code.' })), 12),
  types: checked(z.enum(EVENT_TYPES), EVENT_TYPES.length),
  needs: checked(z.enum(NEEDS), NEEDS.length),
});

export const LanguageQuery = z.strictObject({ lang: z.optional(z.enum(LANGUAGES)) });

export const EventPath = z.strictObject({
  id: z.string().check(z.regex(ULID, { error: 'Must be an event id (ULID).' })),
});

/** A select left at "all" sends an empty value. */
const filter = <T extends z.ZodMiniType<string>>(schema: T) => z.optional(z.union([z.literal(''), schema]));

export const AgendaQuery = z.strictObject({
  kecamatan: filter(z.string().check(z.regex(KECAMATAN_CODE, { error: 'Must be a kecamatan code.' }))),
  type: filter(z.enum(EVENT_TYPES)),
  need: filter(z.enum(NEEDS)),
  lang: z.optional(z.enum(LANGUAGES)),
  cursor: z.optional(z.string().check(z.maxLength(500))),
});
