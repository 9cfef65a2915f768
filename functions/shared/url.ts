import * as z from 'zod/mini';

/**
 * An https link given by a person (an event's registration or online link, a shop's page). WHATWG URL
 * parsing silently drops tabs and line breaks, so a link is checked as typed first: no control
 * characters, spaces or bidirectional controls may reach what we store and later write into a calendar
 * feed, a mail or a page. No credentials in the link. Never fetched by the server.
 */
// eslint-disable-next-line no-control-regex -- the point is to find control characters
const FORBIDDEN = /[\u0000-\u0020\u007F-\u00A0\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

export function urlProblem(value: string): string | undefined {
  if (!value.isWellFormed() || FORBIDDEN.test(value))
    return 'Must not contain spaces, line breaks or other control characters.';
  if (!URL.canParse(value)) return 'Must be an https:// link.';
  const url = new URL(value);
  if (url.protocol !== 'https:' || url.hostname === '') return 'Must be an https:// link.';
  if (url.username !== '' || url.password !== '') return 'Must not carry a user name or password.';
  return undefined;
}

export const httpsUrl = (max = 2000) =>
  z.string().check(
    z.maxLength(max),
    z.refine((value) => urlProblem(value) === undefined, {
      error: (issue) => urlProblem(issue.input as string) ?? 'Must be an https:// link.',
    }),
  );
