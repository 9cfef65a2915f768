import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IMPORT_FIELDS } from '../../functions/imports/columns.ts';
import { DiskStrings } from '../../functions/imports/disk-strings.ts';
import { ImportFileError, readRows } from '../../functions/imports/parse.ts';
import type { Cell } from '../../functions/imports/repair.ts';
import { isDateFormat, xlsxRows } from '../../functions/imports/xlsx.ts';
import { sampleRows, sampleXlsx } from '../helpers/import-sample.ts';

/** The file in 16 KiB chunks, as S3 streams it. */
const streamOf = (bytes: Buffer) =>
  Readable.from(
    Array.from({ length: Math.ceil(bytes.length / 16_384) }, (_, index) =>
      bytes.subarray(index * 16_384, (index + 1) * 16_384),
    ),
  );

/** The same workbook with its parts stored in another order (`first` in that order, then the rest). */
async function reorder(bytes: Buffer, first: string[]): Promise<Buffer> {
  const source = await JSZip.loadAsync(bytes);
  const paths = Object.keys(source.files).filter((path) => !source.files[path]?.dir);
  const order = [
    ...first.filter((path) => paths.includes(path)),
    ...paths.filter((path) => !first.includes(path)),
  ];
  const target = new JSZip();
  for (const path of order) target.file(path, await source.file(path)!.async('nodebuffer'));
  return target.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const zipOrder = async (bytes: Buffer) => Object.keys((await JSZip.loadAsync(bytes)).files);

/** A minimal workbook from hand-written parts (one sheet), for cell kinds exceljs does not write. */
async function handWritten(
  sheetData: string,
  extra: { sharedStrings?: string; styles?: string; date1904?: boolean } = {},
) {
  const zip = new JSZip();
  zip.file(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${extra.date1904 ? '<workbookPr date1904="1"/>' : ''}<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
  );
  if (extra.styles) zip.file('xl/styles.xml', extra.styles);
  if (extra.sharedStrings) zip.file('xl/sharedStrings.xml', extra.sharedStrings);
  zip.file(
    'xl/worksheets/sheet1.xml',
    `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetData}</sheetData></worksheet>`,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

let scratch: string;
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'umkm-xlsx-test-'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

const rowsOf = async (bytes: Buffer, options: Parameters<typeof xlsxRows>[1] = {}) => {
  const rows: Cell[][] = [];
  for await (const cells of xlsxRows(streamOf(bytes), { tmpDir: scratch, ...options })) rows.push(cells);
  return rows;
};

describe('XLSX reader (functions/imports/xlsx.ts)', { timeout: 60_000 }, () => {
  const sample = sampleRows(120, { seed: 5, damageEvery: 4, start: 7_000 });

  it('reads a file whose shared strings come after the sheet (exceljs and Excel order): the sheet is spooled to disk', async () => {
    const bytes = await sampleXlsx(sample);
    const order = await zipOrder(bytes);
    expect(order.indexOf('xl/worksheets/sheet1.xml')).toBeLessThan(order.indexOf('xl/sharedStrings.xml'));
    const read: { row: number; cells: Record<string, unknown> }[] = [];
    for await (const row of readRows(streamOf(bytes), { format: 'xlsx' })) read.push(row);
    expect(read).toHaveLength(sample.length);
    // Every text cell comes back from the shared strings, whatever the damage.
    const first = sample[0]!.values;
    expect(read[0]?.cells).toMatchObject({ name: first.name, nik: first.nik, email: first.email });
    expect(read.at(-1)?.cells.name).toBe(sample.at(-1)!.values.name);
    // A sheet spooled to disk needs room for it: a bound below its size fails the file with a reason.
    await expect(rowsOf(bytes, { maxDiskBytes: 10_000 })).rejects.toThrow(ImportFileError);
    // Excel's own order: the workbook and its relationships first, then the sheet, the styles and the
    // shared strings. The sheet is known to be wanted before its strings arrive: still spooled.
    const excel = await reorder(bytes, [
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/worksheets/sheet1.xml',
      'xl/theme/theme1.xml',
      'xl/styles.xml',
      'xl/sharedStrings.xml',
    ]);
    expect(await rowsOf(excel)).toEqual(await rowsOf(bytes));
  });

  it('reads the sheet straight from the zip when the strings and styles come first, and gives the same rows', async () => {
    const spooled = await sampleXlsx(sample);
    const direct = await reorder(spooled, [
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/sharedStrings.xml',
    ]);
    // The strings store is far smaller than the sheet: a bound between the two passes only unspooled.
    const bound = 60_000;
    await expect(rowsOf(spooled, { maxDiskBytes: bound })).rejects.toThrow(/unpacks to more than/);
    expect(await rowsOf(direct, { maxDiskBytes: bound })).toEqual(await rowsOf(spooled));
  });

  it('reads the named sheet, the first sheet when none is named, and names a missing sheet', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Catatan').addRows([['Baca saya dulu'], ['Isi lembar Data UMKM']]);
    const data = workbook.addWorksheet('Data UMKM');
    data.addRow(['Nama Usaha', 'NIK']);
    data.addRow(['Kopi Siti', '3275014101900001']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    expect((await rowsOf(bytes, { sheet: 'Data UMKM' }))[1]).toEqual(['Kopi Siti', '3275014101900001']);
    expect((await rowsOf(bytes))[0]).toEqual(['Baca saya dulu']);
    await expect(rowsOf(bytes, { sheet: 'Sheet1' })).rejects.toThrow('no sheet named “Sheet1”');
    const rows = [];
    for await (const row of readRows(streamOf(bytes), { format: 'xlsx', sheet: 'Data UMKM' })) rows.push(row);
    expect(rows).toEqual([{ row: 1, cells: { name: 'Kopi Siti', nik: '3275014101900001' } }]);
  });

  it('reads inline strings (rich runs joined, phonetic runs left out), shared rich text, formulas and errors', async () => {
    const bytes = await handWritten(
      '<row r="1"><c r="A1" t="inlineStr"><is><t>Nama</t></is></c><c r="C1" t="s"><v>0</v></c></row>' +
        '<row r="2"><c r="A2" t="inlineStr"><is><r><t>Kopi </t></r><r><rPr><b/></rPr><t xml:space="preserve">Siti &amp; Ani</t></r><rPh sb="0" eb="1"><t>コピ</t></rPh></is></c>' +
        '<c r="B2" t="str"><f>A2</f><v>Kopi Siti &amp; Ani</v></c><c r="C2" t="s"><v>1</v></c><c r="D2" t="e"><v>#N/A</v></c><c r="E2"><f>1+1</f><v>2</v></c><c r="F2" t="b"><v>1</v></c></row>',
      {
        sharedStrings:
          '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Kelurahan</t></si><si><r><t>Marga</t></r><r><t>jaya</t></r></si></sst>',
      },
    );
    expect(await rowsOf(bytes)).toEqual([
      ['Nama', '', 'Kelurahan'],
      ['Kopi Siti & Ani', 'Kopi Siti & Ani', 'Margajaya', '', 2, 'ya'],
    ]);
  });

  it('reads numbers as numbers and date cells (built-in and custom formats, 1900 and 1904 systems) as yyyy-mm-dd', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Data');
    sheet.addRow(['Tanggal Lahir', 'Modal Usaha', 'NIK', 'Tahun']);
    const row = sheet.addRow([new Date(Date.UTC(1985, 6, 17)), 1_500_000, 3.27501e15, 2019]);
    row.getCell(1).numFmt = 'dd/mm/yyyy';
    row.getCell(2).numFmt = '#,##0 "Rp"';
    const fromExceljs = await rowsOf(Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(fromExceljs[1]).toEqual(['1985-07-17', 1_500_000, 3.27501e15, 2019]);

    const styles =
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="[$-421]d\\ mmmm\\ yyyy;@"/></numFmts>' +
      '<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="3"/></cellXfs></styleSheet>';
    const cells =
      '<row r="1"><c r="A1"><v>31245</v></c><c r="B1" s="1"><v>31245</v></c><c r="C1" s="2"><v>31245</v></c><c r="D1" s="3"><v>31245</v></c><c r="E1" t="d"><v>1985-07-17T00:00:00</v></c></row>';
    expect(await rowsOf(await handWritten(cells, { styles }))).toEqual([
      [31245, '1985-07-17', '1985-07-17', 31245, '1985-07-17'],
    ]);
    expect((await rowsOf(await handWritten(cells, { styles, date1904: true })))[0]?.slice(1, 3)).toEqual([
      '1989-07-18',
      '1989-07-18',
    ]);
    expect(isDateFormat('#,##0 "Rp"')).toBe(false);
    expect(isDateFormat('[$Rp-421]#,##0.00')).toBe(false);
    expect(isDateFormat('General')).toBe(false);
    expect(isDateFormat('dd/mm/yyyy')).toBe(true);
  });

  it('removes its temporary directory when the rows end and when the reader stops early', async () => {
    const bytes = await sampleXlsx(sample);
    await rowsOf(bytes);
    expect(readdirSync(scratch)).toEqual([]);
    for await (const cells of xlsxRows(streamOf(bytes), { tmpDir: scratch })) {
      expect(readdirSync(scratch)).toHaveLength(1); // the spool and the strings, while reading
      void cells;
      break;
    }
    expect(readdirSync(scratch)).toEqual([]);
    await expect(rowsOf(Buffer.from('PK\u0003\u0004 not a zip at all'))).rejects.toThrow();
    expect(readdirSync(scratch)).toEqual([]);
  });

  it('fails a sheet that is not well-formed XML with a reason for the operator', async () => {
    const bytes = await handWritten('<row r="1"><c r="A1" t="inlineStr"><is><t>Nama</t></is></c></row><row');
    await expect(rowsOf(bytes)).rejects.toThrow(/The XLSX file is damaged \(sheet/);
  });

  it('maps the import template header of a real sample', async () => {
    const bytes = await sampleXlsx(sampleRows(3, { seed: 1 }));
    let fields: string[] = [];
    for await (const _ of readRows(streamOf(bytes), {
      format: 'xlsx',
      onHeader: (header) => (fields = header.fields),
    }))
      void _;
    expect(fields).toEqual([...IMPORT_FIELDS]);
  });
});

describe('DiskStrings', () => {
  it(
    'gives back every string in the order added (multi-byte, empty, longer than a page, across pages, through a small cache)',
    { timeout: 60_000 },
    () => {
      fc.assert(
        fc.property(
          fc.array(
            fc.oneof(
              fc.string({ unit: 'grapheme' }),
              fc.constant(''),
              fc.string({ minLength: 1_500, maxLength: 3_000 }),
            ),
            {
              maxLength: 40,
            },
          ),
          fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }), {
            minLength: 1_000,
            maxLength: 1_000,
          }),
          (mixed, filler) => {
            const directory = mkdtempSync(join(scratch, 'store-'));
            const strings = new DiskStrings(directory, { pageBytes: 1024, pages: 4 });
            const all = [...filler.slice(0, 500), ...mixed, ...filler.slice(500)];
            for (const value of all) strings.add(value);
            strings.seal();
            expect(strings.size).toBe(all.length);
            // In order, then at random (the page cache evicts and reloads).
            all.forEach((value, index) => expect(strings.get(index)).toBe(value));
            for (let n = 0; n < 500; n++) {
              const index = (n * 7919) % all.length;
              expect(strings.get(index)).toBe(all[index]);
            }
            expect(strings.get(all.length)).toBeUndefined();
            expect(strings.get(-1)).toBeUndefined();
            strings.close();
            rmSync(directory, { recursive: true, force: true });
          },
        ),
        { numRuns: 10 },
      );
      expect(existsSync(scratch)).toBe(true);
    },
  );
});
