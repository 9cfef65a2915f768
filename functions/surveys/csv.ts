import { csvLine } from '../shared/csv.ts';
import type { AnswersRecord } from './answers-store.ts';

/*
 * Export rows: who answered (business id, kecamatan, sector, size class — no NIK, no contact data) and
 * what, one column per question key. Cells are written by the shared writer (`shared/csv.ts`), which
 * quotes and neutralises formulas.
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

/** A CSV page with its header row (every page stands alone), lines ending CRLF (RFC 4180). */
export function toCsv(questionKeys: string[], records: AnswersRecord[]): string {
  const lines = [csvLine([...FIXED, ...questionKeys])];
  for (const record of records) {
    const row = exportRow(record);
    lines.push(
      csvLine([
        row.businessId,
        row.kecamatan,
        row.sector,
        row.sizeClass,
        row.version,
        row.answeredAt,
        row.updatedAt,
        ...questionKeys.map((key) => record.answers[key]),
      ]),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
