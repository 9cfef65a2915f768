import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import unzipper, { type Entry } from 'unzipper';
import { DiskStrings } from './disk-strings.ts';
import { ImportFileError } from './file-error.ts';
import type { Cell } from './repair.ts';

/**
 * Disk this reader may use in the temporary directory (the spooled sheets and the shared strings): the
 * planner's ephemeral storage (lib: `importPlanner.ephemeralStorageMb`) less room to spare. A sheet of
 * 500,000 rows of the import template unpacks to about 0.5 GB.
 */
export const MAX_DISK_BYTES = 3 * 1024 ** 3;

export interface XlsxOptions {
  /** The sheet's name; the workbook's first sheet when absent. */
  sheet?: string;
  /** Where the private temporary directory goes (`os.tmpdir()`: /tmp in Lambda). */
  tmpDir?: string;
  maxDiskBytes?: number;
}

/** What the reader learnt from the workbook's small parts. */
interface Workbook {
  /** Sheets in the workbook's order: name and relationship id (`xl/workbook.xml`). */
  sheets?: { name: string; rId: string }[];
  date1904: boolean;
  /** Relationship id → part path (`xl/_rels/workbook.xml.rels`). */
  targets?: Map<string, string>;
  /** Per cell style (`s`), whether its number format is a date (`xl/styles.xml`). */
  dateStyles?: boolean[];
  strings?: DiskStrings;
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** Feeds a part to a SAX parser, chunk by chunk (UTF-8 split across chunks is decoded whole). */
async function* saxChunks(part: string, source: AsyncIterable<Buffer>, parser: SaxesParser) {
  const decoder = new StringDecoder('utf8');
  try {
    for await (const chunk of source) {
      parser.write(decoder.write(chunk));
      yield;
    }
    parser.write(decoder.end());
    parser.close();
  } catch (error) {
    if (error instanceof Error && !('code' in error))
      throw new ImportFileError(`The XLSX file is damaged (${part}: ${error.message.slice(0, 100)}).`);
    throw error;
  }
}

async function parsePart(part: string, source: AsyncIterable<Buffer>, parser: SaxesParser) {
  for await (const _ of saxChunks(part, source, parser)) void _;
}

function readWorkbook(entry: Entry, workbook: Workbook) {
  const parser = new SaxesParser();
  const sheets: { name: string; rId: string }[] = [];
  parser.on('opentag', (node: SaxesTagPlain) => {
    const name = localName(node.name);
    if (name === 'sheet') {
      const rId = Object.entries(node.attributes).find(([key]) => localName(key) === 'id')?.[1];
      sheets.push({ name: node.attributes.name ?? '', rId: rId ?? '' });
    } else if (name === 'workbookPr') {
      const value = node.attributes.date1904;
      workbook.date1904 = value === '1' || value === 'true';
    }
  });
  return parsePart('workbook', entry, parser).then(() => (workbook.sheets = sheets));
}

function readRelationships(entry: Entry, workbook: Workbook) {
  const parser = new SaxesParser();
  const targets = new Map<string, string>();
  parser.on('opentag', (node: SaxesTagPlain) => {
    if (localName(node.name) !== 'Relationship') return;
    const target = node.attributes.Target ?? '';
    targets.set(node.attributes.Id ?? '', target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  });
  return parsePart('relationships', entry, parser).then(() => (workbook.targets = targets));
}

/** Excel's built-in number formats that show a date or time. */
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);
/** A format code shows a date when it has y, m, d, h or s outside quotes, brackets and escapes. */
export const isDateFormat = (code: string) =>
  /[ymdhs]/i.test(
    code
      .replace(/"[^"]*"/g, '')
      .replace(/\[[^\]]*]/g, '')
      .replace(/\\./g, ''),
  );

function readStyles(entry: Entry, workbook: Workbook) {
  const parser = new SaxesParser();
  const custom = new Map<number, boolean>();
  const dateStyles: boolean[] = [];
  let inCellXfs = false;
  parser.on('opentag', (node: SaxesTagPlain) => {
    const name = localName(node.name);
    if (name === 'numFmt')
      custom.set(Number(node.attributes.numFmtId), isDateFormat(node.attributes.formatCode ?? ''));
    else if (name === 'cellXfs') inCellXfs = true;
    else if (name === 'xf' && inCellXfs) {
      const id = Number(node.attributes.numFmtId ?? 0);
      dateStyles.push(custom.get(id) ?? DATE_FORMAT_IDS.has(id));
    }
  });
  parser.on('closetag', (node) => {
    if (localName(node.name) === 'cellXfs') inCellXfs = false;
  });
  return parsePart('styles', entry, parser).then(() => (workbook.dateStyles = dateStyles));
}

/** Each `<si>`'s text (its runs joined, phonetic runs left out) to the disk store, in order. */
function readSharedStrings(entry: Entry, strings: DiskStrings) {
  const parser = new SaxesParser();
  let text = '';
  let inText = false;
  let phonetic = 0;
  parser.on('opentag', (node: SaxesTagPlain) => {
    const name = localName(node.name);
    if (name === 'si') text = '';
    else if (name === 't') inText = phonetic === 0;
    else if (name === 'rPh') phonetic++;
  });
  const onText = (value: string) => {
    if (inText) text += value;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (node) => {
    const name = localName(node.name);
    if (name === 't') inText = false;
    else if (name === 'rPh') phonetic--;
    else if (name === 'si') strings.add(text);
  });
  return parsePart('shared strings', entry, parser).then(() => strings.seal());
}

/** Column number (1 = A) of a cell reference such as `AB12`. */
function columnOf(reference: string): number {
  let column = 0;
  for (let index = 0; index < reference.length; index++) {
    const code = reference.charCodeAt(index);
    if (code < 65 || code > 90) break;
    column = column * 26 + (code - 64);
  }
  return column;
}

/** Excel's serial day (1900 or 1904 system) as yyyy-mm-dd. */
function serialDate(serial: number, date1904: boolean): string {
  const date = new Date(Math.round((serial + (date1904 ? 1462 : 0) - 25_569) * 86_400_000));
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10);
}

/** A sheet's rows as lists of cells (text or numbers; booleans as ya/tidak, dates as yyyy-mm-dd). */
async function* sheetRows(source: AsyncIterable<Buffer>, workbook: Workbook): AsyncGenerator<Cell[]> {
  const { strings, dateStyles = [], date1904 } = workbook;
  const parser = new SaxesParser();
  let done: Cell[][] = [];
  let cells: Cell[] | undefined;
  let column = 0;
  let type = 'n';
  let style = 0;
  let text = '';
  let hasValue = false;
  let inValue = false;
  let phonetic = 0;
  const value = (): Cell => {
    switch (type) {
      case 's':
        return strings?.get(Number(text)) ?? '';
      case 'inlineStr':
      case 'str':
        return text;
      case 'b':
        return text.trim() === '1' || text.trim() === 'true' ? 'ya' : 'tidak';
      case 'e':
        return '';
      case 'd':
        return text.slice(0, 10);
      default: {
        if (text.trim() === '') return '';
        const number = Number(text);
        if (!Number.isFinite(number)) return '';
        return dateStyles[style] ? serialDate(number, date1904) : number;
      }
    }
  };
  parser.on('opentag', (node: SaxesTagPlain) => {
    switch (localName(node.name)) {
      case 'row':
        cells = [];
        column = 0;
        break;
      case 'c':
        column = node.attributes.r ? columnOf(node.attributes.r) : column + 1;
        type = node.attributes.t ?? 'n';
        style = Number(node.attributes.s ?? 0);
        text = '';
        hasValue = false;
        break;
      case 'v':
        inValue = true;
        hasValue = true;
        text = '';
        break;
      case 't':
        if (type === 'inlineStr' && phonetic === 0) {
          inValue = true;
          hasValue = true;
        }
        break;
      case 'rPh':
        phonetic++;
        break;
    }
  });
  const onText = (value: string) => {
    if (inValue) text += value;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', (node) => {
    switch (localName(node.name)) {
      case 'v':
      case 't':
        inValue = false;
        break;
      case 'rPh':
        phonetic--;
        break;
      case 'c':
        if (cells && hasValue && column > 0) cells[column - 1] = value();
        break;
      case 'row':
        if (cells) done.push(Array.from(cells, (cell) => cell ?? ''));
        cells = undefined;
        break;
    }
  });
  for await (const _ of saxChunks('sheet', source, parser)) {
    void _;
    if (done.length > 0) {
      const rows = done;
      done = [];
      yield* rows;
    }
  }
  yield* done;
}

const isSheet = (path: string) => /^xl\/worksheets\/[^/]+\.xml$/i.test(path);

/**
 * The rows of an XLSX file's first sheet (or the one named), read from a stream without holding the file,
 * the sheet or its strings in memory. The zip's parts arrive in the order they were stored: the shared
 * strings go to a file on disk (`DiskStrings`) as they arrive; a sheet that arrives before the parts needed
 * to read it (the workbook, its relationships, the styles and the shared strings: Excel and exceljs store
 * the sheets first) is spooled to disk and read from there at the end. Memory is flat in the number of
 * rows; disk is bounded by `maxDiskBytes`. The temporary directory goes when the rows end or the caller
 * stops reading.
 */
export async function* xlsxRows(input: Readable, options: XlsxOptions = {}): AsyncGenerator<Cell[]> {
  const directory = mkdtempSync(join(options.tmpDir ?? tmpdir(), 'umkm-xlsx-'));
  const maxDiskBytes = options.maxDiskBytes ?? MAX_DISK_BYTES;
  const workbook: Workbook = { date1904: false };
  const spooled = new Map<string, string>();
  let spooledBytes = 0;
  let stringsSeen = false;
  let stylesSeen = false;
  const diskUsed = () => spooledBytes + (workbook.strings?.bytes ?? 0);
  const tooLarge = () =>
    new ImportFileError(
      `The XLSX file unpacks to more than ${Math.round(maxDiskBytes / 1024 ** 2)} MiB; split it into several imports or save it as CSV.`,
    );
  /** The wanted sheet's part path, once the workbook and its relationships are known. */
  const wantedPath = (): string | undefined => {
    const { sheets, targets } = workbook;
    if (!sheets || !targets) return undefined;
    const sheet = options.sheet ? sheets.find((each) => each.name === options.sheet) : sheets[0];
    return sheet ? (targets.get(sheet.rId) ?? '') : '';
  };
  const zip = unzipper.Parse({ forceStream: true });
  input.pipe(zip);
  input.on('error', (error) => zip.destroy(error));
  try {
    for await (const entry of zip as AsyncIterable<Entry>) {
      const path = entry.path.replace(/^\//, '');
      if (path === 'xl/workbook.xml') await readWorkbook(entry, workbook);
      else if (path === 'xl/_rels/workbook.xml.rels') await readRelationships(entry, workbook);
      else if (path === 'xl/styles.xml') {
        await readStyles(entry, workbook);
        stylesSeen = true;
      } else if (path === 'xl/sharedStrings.xml') {
        workbook.strings = new DiskStrings(directory);
        await readSharedStrings(entry, workbook.strings);
        stringsSeen = true;
        if (diskUsed() > maxDiskBytes) throw tooLarge();
      } else if (isSheet(path)) {
        const wanted = wantedPath();
        if (wanted !== undefined && wanted !== path) {
          await entry.autodrain().promise();
        } else if (wanted === path && stringsSeen && stylesSeen) {
          // Everything needed is known: straight from the zip.
          yield* sheetRows(entry, workbook);
          return;
        } else {
          const file = join(directory, `sheet-${spooled.size}.xml`);
          spooled.set(path, file);
          const limit = new Transform({
            transform(chunk: Buffer, _encoding, callback) {
              spooledBytes += chunk.length;
              callback(diskUsed() > maxDiskBytes ? tooLarge() : null, chunk);
            },
          });
          await pipeline(entry, limit, createWriteStream(file));
        }
      } else await entry.autodrain().promise();
    }
    const wanted = wantedPath();
    // Without a workbook part (a damaged file), the first sheet stored.
    const file = wanted === undefined ? spooled.values().next().value : spooled.get(wanted);
    if (file === undefined) {
      if (options.sheet) throw new ImportFileError(`The workbook has no sheet named “${options.sheet}”.`);
      return;
    }
    workbook.strings?.seal();
    yield* sheetRows(createReadStream(file, { highWaterMark: 256 * 1024 }), workbook);
  } finally {
    input.unpipe(zip);
    zip.destroy();
    if (!input.destroyed) input.destroy();
    workbook.strings?.close();
    rmSync(directory, { recursive: true, force: true });
  }
}
