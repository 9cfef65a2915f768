/**
 * Child process of `bench/xlsx.ts`: reads one XLSX file's first sheet with one reader, in a process of its
 * own so that its memory is its own, and reports over IPC: rows, seconds, peak RSS and heap (and the heap
 * above the baseline before it), the peak disk used in its temporary directory, and a digest of the rows
 * (trailing empty cells dropped) so that the two readers' rows can be compared.
 */
import { createHash } from 'node:crypto';
import { createReadStream, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Cell } from '../functions/imports/repair.ts';
import { xlsxRows } from '../functions/imports/xlsx.ts';

export interface XlsxReadArgs {
  file: string;
  reader: 'exceljs-cache' | 'disk-strings';
}

export interface XlsxReadResult {
  rows: number;
  seconds: number;
  peakRssMb: number;
  peakHeapMb: number;
  stepHeapMb: number;
  peakDiskMb: number;
  digest: string;
}

/** The reader before (functions/imports/parse.ts until 2026-12-01): exceljs, shared strings cached in memory. */
async function* exceljsRows(input: Readable): AsyncGenerator<Cell[]> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  for await (const worksheet of reader) {
    for await (const row of worksheet) {
      const values = (row as { values: unknown[] }).values;
      const cells: Cell[] = [];
      for (let index = 1; index < values.length; index++) {
        const value = values[index];
        cells.push(
          value instanceof Date
            ? value.toISOString().slice(0, 10)
            : typeof value === 'number' || typeof value === 'string'
              ? value
              : '',
        );
      }
      yield cells;
    }
    return;
  }
}

const args = JSON.parse(process.argv[2] ?? '{}') as XlsxReadArgs;
const directory = mkdtempSync(join(tmpdir(), 'umkm-bench-xlsx-read-'));
const collect = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
let peakRss = 0;
let peakHeap = 0;
let peakDisk = 0;
const diskOf = (path: string): number =>
  readdirSync(path, { withFileTypes: true }).reduce((sum, entry) => {
    const child = join(path, entry.name);
    try {
      return sum + (entry.isDirectory() ? diskOf(child) : statSync(child).size);
    } catch {
      return sum; // removed meanwhile
    }
  }, 0);
const sample = () => {
  const usage = process.memoryUsage();
  peakRss = Math.max(peakRss, usage.rss);
  peakHeap = Math.max(peakHeap, usage.heapUsed);
  if (args.reader === 'disk-strings') peakDisk = Math.max(peakDisk, diskOf(directory));
};

collect();
const baseline = process.memoryUsage().heapUsed;
const sampler = setInterval(sample, 20);
const hash = createHash('sha256');
let rows = 0;
const started = performance.now();
const input = createReadStream(args.file);
const source = args.reader === 'exceljs-cache' ? exceljsRows(input) : xlsxRows(input, { tmpDir: directory });
for await (const cells of source) {
  while (cells.length > 0 && cells.at(-1) === '') cells.pop();
  hash.update(JSON.stringify(cells));
  rows++;
}
const seconds = (performance.now() - started) / 1000;
clearInterval(sampler);
sample();
rmSync(directory, { recursive: true, force: true });
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
const result: XlsxReadResult = {
  rows,
  seconds: Math.round(seconds * 100) / 100,
  peakRssMb: mb(peakRss),
  peakHeapMb: mb(peakHeap),
  stepHeapMb: mb(peakHeap - baseline),
  peakDiskMb: mb(peakDisk),
  digest: hash.digest('hex').slice(0, 12),
};
process.send?.(result);
