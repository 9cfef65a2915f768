/**
 * The one CSV cell writer every export uses (RFC 4180 quoting, OWASP CSV-injection neutralising).
 *
 * A spreadsheet may split a cell again after we wrote it: Indonesian-locale Excel splits on `;`, others
 * on `,`, a paste on tabs and line breaks. So not only the cell's start but the start of every piece such
 * a split can make is neutralised: where a piece would begin (after optional spaces or quotes) with
 * `=`, `+`, `-`, `@` (or their full-width forms), an apostrophe goes in front of that character, and the
 * spreadsheet shows the text instead of running it. Numbers are written as numbers.
 */

/** Where a piece of a cell may start, then what a spreadsheet would run as a formula. */
const FORMULA = /(^|[;,\t\r\n])((?:(?![\t\r\n])[\s"'])*)([=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/g;
const NEEDS_QUOTES = /[",;\t\r\n]/;

export type CsvValue = string | number | readonly string[] | undefined | null;

/** A text with every piece that could start a formula neutralised (before quoting). */
export const neutralise = (text: string): string => text.replace(FORMULA, "$1'$2$3");

export function csvCell(value: CsvValue): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = neutralise(typeof value === 'string' ? value : value.join(';'));
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV line (without its line end). */
export const csvLine = (values: readonly CsvValue[]): string => values.map(csvCell).join(',');
