import * as z from 'zod/mini';
import { EVENT_TYPES, KECAMATAN_CODE, NEEDS } from '../events/vocabulary.ts';
import { LANGUAGES } from '../subscriptions/vocabulary.ts';
import { personName } from '../shared/text.ts';

/**
 * What the subscription pages take: link tokens in the query, plain HTML form fields in POST bodies (a
 * checkbox group arrives as one value or a list).
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

/** An empty name field means "leave as it is". */
const optionalName = z.optional(
  z.pipe(
    z.pipe(
      z.string(),
      z.transform((value) => (value.trim() === '' ? undefined : value)),
    ),
    z.optional(personName),
  ),
);

export const PreferencesForm = z.strictObject({
  token: Token,
  name: optionalName,
  language: z.enum(LANGUAGES),
  kecamatan: checked(z.string().check(z.regex(KECAMATAN_CODE, { error: 'Must be a kecamatan code.' })), 12),
  types: checked(z.enum(EVENT_TYPES), EVENT_TYPES.length),
  needs: checked(z.enum(NEEDS), NEEDS.length),
});
