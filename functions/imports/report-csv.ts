/**
 * The report's CSV cells: RFC 4180 quoting, and every piece a spreadsheet may split a cell into (Indonesian
 * Excel splits on `;`) that would start with `=`, `+`, `-` or `@` gets an apostrophe in front. Kept small
 * and local until the shared CSV writer (functions/shared/csv.ts, issue 16) lands on main.
 */
const FORMULA = /(^|[;,\t\r\n])((?:(?![\t\r\n])[\s"'])*)([=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/g;

export function csvCell(value: string | number): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = value.replace(FORMULA, "$1'$2$3");
  return /[",;\t\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (values: readonly (string | number)[]) => `${values.map(csvCell).join(',')}\r\n`;

export const REPORT_HEADER = csvLine(['row', 'outcome', 'reason', 'record']);
