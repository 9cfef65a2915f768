import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { IMPORT_FIELDS } from '../../functions/imports/columns.ts';
import { repairRow } from '../../functions/imports/repair.ts';
import { TEMPLATE_EXAMPLE, templateCsv, templateHeader } from '../../functions/imports/template.ts';
import { TEMPLATE_XLSX_BASE64 } from '../../functions/imports/template-xlsx.ts';
import { formatOf, parseMapping, progressLine } from '../../lib/local/import-cli.ts';

describe('the import template', () => {
  it('has every column the import understands, in Indonesian, and an example row that imports', () => {
    expect(templateHeader()).toHaveLength(IMPORT_FIELDS.length);
    expect(templateHeader()).toContain('Nama Usaha');
    const outcome = repairRow(
      TEMPLATE_EXAMPLE,
      { kind: 'import', importId: '01JDX7Q4M5ZK8V3T2N9R6C1B0A', row: 1, label: 'template' },
      'operator',
      '2026-12-01T00:00:00.000Z',
    );
    expect(outcome.kind, JSON.stringify(outcome)).toBe('valid');
  });

  it('writes the CSV as Indonesian Excel reads it: BOM, `;`, CRLF', () => {
    const csv = templateCsv();
    expect(csv.startsWith('\uFEFFNama Usaha;')).toBe(true);
    expect(csv.split('\r\n')[1]).toContain(';3275015208850001;');
  });

  it('ships the generated XLSX up to date with the columns and the example (npm run import:template)', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(TEMPLATE_XLSX_BASE64, 'base64') as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect((sheet?.getRow(1).values as unknown[]).slice(1)).toEqual(templateHeader());
    const example = (sheet?.getRow(2).values as unknown[]).slice(1);
    expect(example.map((cell) => cell ?? '')).toEqual(IMPORT_FIELDS.map((field) => TEMPLATE_EXAMPLE[field]));
    // NIK, NIB and phone columns are text, so that Excel keeps their digits.
    expect(sheet?.getColumn(IMPORT_FIELDS.indexOf('nik') + 1).numFmt).toBe('@');
  });
});

describe('npm run import: its pieces', () => {
  it('takes the format from --format or the extension, and refuses others', () => {
    expect(formatOf('data/umkm.XLSX')).toBe('xlsx');
    expect(formatOf('umkm.txt', 'csv')).toBe('csv');
    expect(() => formatOf('umkm.txt')).toThrow(/--format/);
    expect(() => formatOf('umkm.csv', 'pdf')).toThrow(/csv or xlsx/);
  });

  it('reads a mapping as HEADER=field pairs or JSON, and names a field it does not know', () => {
    expect(parseMapping('Nama Dagang=name; No KTP = nik')).toEqual({
      'Nama Dagang': 'name',
      'No KTP': 'nik',
    });
    expect(parseMapping('{"HP":"mobile"}')).toEqual({ HP: 'mobile' });
    expect(parseMapping(undefined)).toBeUndefined();
    expect(() => parseMapping('Nama=nama')).toThrow(/must be one of/);
    expect(() => parseMapping('Nama')).toThrow(/HEADER=field/);
  });

  it('draws one progress line: rows read while parsing, the chunks once the file is read', () => {
    const base = { imported: 0, matched: 0, conflicts: 0, rejected: 0, chunksDone: 0 };
    expect(progressLine({ ...base, state: 'awaiting-upload', rowsRead: 0 })).toMatch(/^\[\.{24}\] {3}0% /);
    const parsing = progressLine({ ...base, state: 'parsing', rowsRead: 400, imported: 200 });
    expect(parsing).toContain('rows 200/400+');
    const importing = progressLine({
      ...base,
      state: 'importing',
      rowsRead: 1000,
      imported: 500,
      chunksDone: 5,
      chunksTotal: 10,
    });
    expect(importing).toMatch(/^\[#{12}\.{12}\] {2}50% importing/);
    expect(progressLine({ ...base, state: 'done', rowsRead: 1000, imported: 990, rejected: 10 })).toMatch(
      /^\[#{24}\] 100% done .* rows 1000\/1000\+? · imported 990/,
    );
  });
});
