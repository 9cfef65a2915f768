import type { AnswersRecord } from './answers-store.ts';

/*
 * Export rows: who answered (business id, kecamatan, sector, size class — no NIK, no contact data) and
 * what, one column per question key. CSV cells are quoted where needed, and text that a spreadsheet
 * would run as a formula is prefixed with an apostrophe.
 */

const FIXED = ['business_id', 'kecamatan', 'sector', 'size_class', 'version', 'answered_at', 'updated_at'];

export function exportRow(record: AnswersRecord) {
  return {
    businessId: record.businessId,
    kecamatan: record.cell.kecamatan,
    sector: record.cell.sector,
    sizeClass: record.cell.sizeClass,
    version: record.version,
    answeredAt: record.answeredAt,
    updatedAt: record.updatedAt,
    answers: record.answers,
  };
}

function cell(value: string | number | string[] | undefined): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return value.join(';');
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV page with its header row (every page stands alone), lines ending CRLF (RFC 4180). */
export function toCsv(questionKeys: string[], records: AnswersRecord[]): string {
  const lines = [[...FIXED, ...questionKeys].join(',')];
  for (const record of records) {
    const row = exportRow(record);
    lines.push(
      [
        row.businessId,
        row.kecamatan,
        row.sector,
        row.sizeClass,
        row.version,
        row.answeredAt,
        row.updatedAt,
        ...questionKeys.map((key) => record.answers[key]),
      ]
        .map(cell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
