import * as z from 'zod/mini';
import { ULID } from '../shared/ids.ts';

/** `{id}` in a business route: a ULID. */
export const BusinessIdPath = z.strictObject({
  id: z.string().check(z.regex(ULID, { error: 'Must be a business id (ULID).' })),
});
