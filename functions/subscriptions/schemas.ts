import * as z from 'zod/mini';
import { EMAIL } from '../shared/patterns.ts';
import { personName } from '../shared/text.ts';
import { EVENT_TYPES, NEEDS } from '../events/vocabulary.ts';
import { KECAMATAN_CODE } from '../events/vocabulary.ts';
import { LANGUAGES } from './vocabulary.ts';

export { LANGUAGES, type Language } from './vocabulary.ts';

export const Email = z
  .string()
  .check(z.trim(), z.maxLength(254), z.regex(EMAIL, { error: 'Must be an email address.' }));

/** What a subscriber wants to hear about; an empty list means "all". */
const filterFields = {
  kecamatan: z.optional(
    z
      .array(z.string().check(z.regex(KECAMATAN_CODE, { error: 'Must be a kecamatan code.' })))
      .check(z.maxLength(12)),
  ),
  types: z.optional(z.array(z.enum(EVENT_TYPES)).check(z.maxLength(EVENT_TYPES.length))),
  needs: z.optional(z.array(z.enum(NEEDS)).check(z.maxLength(NEEDS.length))),
};

const name = z.optional(personName);

export const SubscribeBody = z.strictObject({
  email: Email,
  name,
  language: z.optional(z.enum(LANGUAGES)),
  ...filterFields,
});
export type SubscribeBody = z.output<typeof SubscribeBody>;

export const PreferencesBody = z.strictObject({
  name,
  language: z.enum(LANGUAGES),
  ...filterFields,
});
export type PreferencesBody = z.output<typeof PreferencesBody>;

export const MySubscriptionBody = z.strictObject({
  subscribed: z.boolean(),
  language: z.optional(z.enum(LANGUAGES)),
  ...filterFields,
});

const Token = z.string().check(z.minLength(10), z.maxLength(1000));
export const TokenQuery = z.strictObject({ token: Token });
export const TokenBody = z.strictObject({ token: Token });

/** RFC 8058: the one-click POST carries `List-Unsubscribe=One-Click`; a JSON client may send `{}`. */
export const UnsubscribeBody = z.optional(
  z.strictObject({ 'List-Unsubscribe': z.optional(z.literal('One-Click')) }),
);

export const Filters = z.object({
  kecamatan: z.array(z.string()),
  types: z.array(z.enum(EVENT_TYPES)),
  needs: z.array(z.enum(NEEDS)),
});

export const SubscriptionView = z.object({
  status: z.enum(['pending', 'confirmed', 'unsubscribed', 'suppressed']),
  /** The address with most of its local part hidden, so a forwarded link shows little. */
  email: z.optional(z.string()),
  name: z.optional(z.string()),
  language: z.enum(LANGUAGES),
  filters: Filters,
});
export type SubscriptionView = z.output<typeof SubscriptionView>;

export const Accepted = z.object({ status: z.literal('accepted'), detail: z.string() });
