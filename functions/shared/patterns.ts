/**
 * Patterns used by more than one feature. (`EMAIL` would do, but referencing zod's `regexes`
 * namespace pulls every one of its patterns into a bundle: ~6.6 KB.)
 */

/** An email address as browsers' `type=email` checks it (WHATWG HTML), without quotes or IP literals. */
export const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)+$/;
