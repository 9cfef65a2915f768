import { csvLine as cells, type CsvValue } from '../shared/csv.ts';

/**
 * The report's CSV lines, written with the shared cell writer (functions/shared/csv.ts: RFC 4180 quoting,
 * no cell or piece of one may start a formula), CRLF-terminated as Excel expects.
 */
export const csvLine = (values: readonly CsvValue[]) => `${cells(values)}\r\n`;

export const REPORT_HEADER = csvLine(['row', 'outcome', 'reason', 'record']);
