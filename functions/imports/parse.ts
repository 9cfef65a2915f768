import type { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import type { ImportFileFormat } from '../shared/storage-keys.ts';
import { mapHeaders, type ImportField } from './columns.ts';
import { ImportFileError } from './file-error.ts';
import { cleanText, type Cell, type Row } from './repair.ts';
import { xlsxRows } from './xlsx.ts';

export { ImportFileError };

/**
 * Reads an import file as a stream of rows, never the whole file: CSV with `csv-parse` (UTF-8 with or
 * without BOM, `;` or `,` as Excel writes them per locale, quoted fields with line breaks), XLSX with
 * `xlsxRows` (./xlsx.ts: the first sheet, or the one named; shared strings on disk, memory flat in the
 * number of rows). The first non-empty row is the
 * header; each further row comes with its number (1 = the first data row) and its mapped cells.
 */
export interface ParsedRow {
  row: number;
  cells: Row;
}

export interface ParseOptions {
  format: ImportFileFormat;
  mapping?: Partial<Record<string, ImportField>>;
  sheet?: string;
  /** Called once with the header's mapping (columns ignored, fields found). */
  onHeader?: (header: { fields: ImportField[]; ignored: string[] }) => void;
}

/** CSV rows and XLSX rows alike: a list of cells, text or numbers. */
async function* rawRows(input: Readable, options: ParseOptions): AsyncGenerator<Cell[]> {
  if (options.format === 'csv') yield* csvRows(input);
  else yield* xlsxRows(input, options.sheet ? { sheet: options.sheet } : {});
}

/** `;` or `,`: whichever occurs more often outside quotes in the first line. */
export function detectDelimiter(firstLine: string): ';' | ',' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const character of firstLine) {
    if (character === '"') quoted = !quoted;
    else if (!quoted && character === ';') semicolons++;
    else if (!quoted && character === ',') commas++;
  }
  return semicolons > commas ? ';' : ',';
}

async function* csvRows(input: Readable): AsyncGenerator<Cell[]> {
  const iterator = input[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  // Read until the first line break to choose the delimiter, then hand everything read to the parser.
  const head: Buffer[] = [];
  let headText = '';
  while (!headText.includes('\n') && headText.length < 65_536) {
    const next = await iterator.next();
    if (next.done) break;
    const chunk = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    head.push(chunk);
    headText += chunk.toString('utf8');
  }
  const parser = parseCsv({
    bom: true,
    delimiter: detectDelimiter(headText.replace(/^\uFEFF/, '').split('\n')[0] ?? ''),
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: 1_000_000,
  });
  const feed = (async () => {
    for (const chunk of head)
      if (!parser.write(chunk)) await new Promise((resolve) => parser.once('drain', resolve));
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      if (!parser.write(next.value)) await new Promise((resolve) => parser.once('drain', resolve));
    }
    parser.end();
  })();
  feed.catch((error: unknown) => parser.destroy(error as Error));
  for await (const record of parser) yield record as string[];
  await feed;
}

/** The file's rows with their numbers and mapped cells (see `ParsedRow`). */
export async function* readRows(input: Readable, options: ParseOptions): AsyncGenerator<ParsedRow> {
  let columns: (ImportField | undefined)[] | undefined;
  let row = 0;
  for await (const cells of rawRows(input, options)) {
    if (cells.every((cell) => cleanText(cell) === '')) continue;
    if (!columns) {
      const mapped = mapHeaders(
        cells.map((cell) => cleanText(cell)),
        options.mapping,
      );
      columns = mapped.columns;
      const fields = columns.filter((field): field is ImportField => field !== undefined);
      if (fields.length === 0) throw new ImportFileError('No column of the header row names a known field.');
      options.onHeader?.({ fields, ignored: mapped.ignored });
      continue;
    }
    row++;
    const mappedRow: Row = {};
    columns.forEach((field, index) => {
      const cell = cells[index];
      if (field && cell !== undefined && cleanText(cell) !== '') mappedRow[field] = cell;
    });
    yield { row, cells: mappedRow };
  }
  if (!columns) throw new ImportFileError('The file has no header row.');
}
