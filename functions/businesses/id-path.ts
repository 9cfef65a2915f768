import * as z from 'zod/mini';

/** `{id}` in a business route: a ULID. */
export const BusinessIdPath = z.strictObject({
  id: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, { error: 'Must be a business id (ULID).' })),
});
