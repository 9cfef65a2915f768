import * as z from 'zod/mini';

/* `{id}` of a survey route, apart from the other request schemas so that most handlers carry only it. */

export const ulid = (what: string) =>
  z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, { error: `Must be a ${what} id (ULID).` }));

export const SurveyIdPath = z.strictObject({ id: ulid('survey') });
