import * as z from 'zod/mini';
import { ULID } from '../shared/ids.ts';

/* `{id}` of a survey route, apart from the other request schemas so that most handlers carry only it. */

export const ulid = (what: string) =>
  z.string().check(z.regex(ULID, { error: `Must be a ${what} id (ULID).` }));

export const SurveyIdPath = z.strictObject({ id: ulid('survey') });
