import * as z from 'zod/mini';

/**
 * Free text as people type it, made safe to store and show: every free-text field of every request
 * schema goes through `freeText` (or, where answers are checked by hand, `textProblem`), so that a title,
 * a name or an answer cannot carry what renders differently from what was typed.
 *
 * - NFC-normalised, trimmed; in multi-line fields CRLF becomes LF.
 * - Refused: ill-formed UTF-16 (lone surrogates), NUL and every other C0/C1 control character (LF only
 *   in multi-line fields: a bare CR or a TAB is refused everywhere), DEL, bidirectional overrides,
 *   embeddings, isolates and marks (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C: they make a name
 *   read differently on an operator's screen), Unicode noncharacters, and text with nothing visible in it
 *   (only spaces, zero-width or other default-ignorable characters, combining marks, Hangul fillers,
 *   the braille blank).
 */

// eslint-disable-next-line no-control-regex -- the point is to find control characters
const SINGLE_LINE_CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex -- as above
const MULTI_LINE_CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/;
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const NONCHARACTER =
  /[\uFDD0-\uFDEF\uFFFE\uFFFF]|[\u{1FFFE}\u{1FFFF}\u{2FFFE}\u{2FFFF}\u{10FFFE}\u{10FFFF}]/u;
const INVISIBLE_ONLY = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}\p{M}\u2800\u3164\uFFA0]*$/u;

/** Text as we keep it: NFC, trimmed, CRLF as LF (the last only matters for multi-line fields). */
export const cleanText = (value: string): string =>
  value.isWellFormed() ? value.normalize('NFC').replace(/\r\n/g, '\n').trim() : value;

/** Why a cleaned text may not be stored, or undefined when it may. */
export function textProblem(value: string, multiline = false): string | undefined {
  if (!value.isWellFormed()) return 'Must be valid Unicode text (no lone surrogates).';
  if ((multiline ? MULTI_LINE_CONTROL : SINGLE_LINE_CONTROL).test(value))
    return multiline
      ? 'Must not contain control characters (line breaks are allowed).'
      : 'Must not contain control characters or line breaks.';
  if (BIDI.test(value)) return 'Must not contain bidirectional control characters.';
  if (NONCHARACTER.test(value)) return 'Must not contain Unicode noncharacters.';
  if (value !== '' && INVISIBLE_ONLY.test(value)) return 'Must contain visible characters.';
  return undefined;
}

export interface FreeTextOptions {
  /** At least this many characters after trimming (default 1). */
  min?: number;
  max: number;
  /** Line breaks allowed (descriptions, reasons, notes). */
  multiline?: boolean;
}

/** A free-text field: cleaned (see above), then length-checked, and refused with a reason naming it. */
export const freeText = ({ min = 1, max, multiline = false }: FreeTextOptions) =>
  z.string().check(
    z.overwrite(cleanText),
    z.refine((value) => textProblem(value, multiline) === undefined, {
      error: (issue) => textProblem(issue.input as string, multiline) ?? 'Invalid text.',
    }),
    z.minLength(min),
    z.maxLength(max),
  );

/**
 * A person's name as a subscriber gives it, which our mails repeat ("Halo …"): free text limited to
 * letters, combining marks, spaces and the punctuation names carry (`. , ' ’ - ( )`), so that a stranger
 * cannot put markup, an address or a link into a mail the city sends. Titles like "S.Kom" pass; a
 * domain-like "evil.example" does not.
 */
const NAME = /^[\p{L}\p{M} .,'’()-]*$/u;
const DOMAIN_LIKE = /[\p{L}\p{N}]{2,}\.[\p{L}\p{N}]{2,}/u;
export const nameProblem = (value: string): string | undefined =>
  textProblem(value) ??
  (!NAME.test(value)
    ? "Must contain only letters, spaces and . , ' ’ - ( )."
    : DOMAIN_LIKE.test(value)
      ? 'Must not look like a web address.'
      : undefined);

export const personName = z.string().check(
  z.overwrite(cleanText),
  z.refine((value) => nameProblem(value) === undefined, {
    error: (issue) => nameProblem(issue.input as string) ?? 'Invalid name.',
  }),
  z.minLength(1),
  z.maxLength(100),
);
