import { Writable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { csvLine } from '../shared/csv.ts';
import { objectWriter } from '../shared/objects.ts';
import type { ExportFileFormat } from '../shared/storage-keys.ts';

/**
 * The export worker's file writers: rows of cells in, an object in the bucket out, streamed through
 * `objectWriter` (multipart: memory flat however many rows). CSV goes through the one cell writer
 * (`shared/csv.ts`: RFC 4180, no piece of a cell starts a formula). XLSX is written with exceljs's
 * streaming `WorkbookWriter`: every value is a string cell (never a formula, whatever it starts with) in a
 * column formatted as Text (`@`), so that Excel keeps a NIK's, NIB's or phone number's leading zeros and
 * keeps a cell that starts with `=` as text even when someone edits it.
 */

/** One cell as the worker collects it: text, or empty. */
export type Cell = string | null;

export interface ExportFile {
  add(rows: readonly (readonly Cell[])[]): Promise<void>;
  /** Completes the object; its size in bytes. */
  close(): Promise<number>;
  abort(): Promise<void>;
}

export const EXPORT_CONTENT_TYPES: Record<ExportFileFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The sheet's name in the XLSX file. */
export const SHEET_NAME = 'UMKM';

export function exportFile(format: ExportFileFormat, key: string, header: readonly string[]): ExportFile {
  return format === 'csv' ? csvFile(key, header) : xlsxFile(key, header);
}

function csvFile(key: string, header: readonly string[]): ExportFile {
  const writer = objectWriter(key, EXPORT_CONTENT_TYPES.csv);
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    await writer.write(text);
  };
  // The BOM tells Excel the file is UTF-8 (names with é, ñ …).
  let started: Promise<void> | undefined = write(`\uFEFF${csvLine(header)}\r\n`);
  return {
    async add(rows) {
      await started;
      started = undefined;
      if (rows.length > 0) await write(`${rows.map((row) => csvLine(row)).join('\r\n')}\r\n`);
    },
    async close() {
      await started;
      await writer.close();
      return bytes;
    },
    abort: () => writer.abort(),
  };
}

function xlsxFile(key: string, header: readonly string[]): ExportFile {
  const writer = objectWriter(key, EXPORT_CONTENT_TYPES.xlsx);
  let bytes = 0;
  let failed: Error | undefined;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      bytes += chunk.byteLength;
      writer.write(chunk).then(
        () => done(),
        (error: unknown) => {
          failed = error as Error;
          done(failed);
        },
      );
    },
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = header.map((name) => ({
    header: name,
    width: Math.min(40, Math.max(12, name.length + 2)),
    style: { numFmt: '@' },
  }));
  /** Waits until what exceljs handed on has gone out, so that memory stays bounded by one batch of rows. */
  const settle = async () => {
    while (sink.writableLength > 0 && !failed) await nextTurn();
    if (failed) throw failed;
  };
  return {
    async add(rows) {
      for (const row of rows) {
        // Strings stay strings: exceljs writes a formula only for `{ formula }` values, never for text.
        sheet.addRow(row.map((cell) => cell ?? null)).commit();
      }
      await settle();
    },
    async close() {
      sheet.commit();
      await workbook.commit();
      await settle();
      await writer.close();
      return bytes;
    },
    async abort() {
      sink.destroy();
      await writer.abort();
    },
  };
}
