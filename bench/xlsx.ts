import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { sampleRows, sampleXlsxCells, sampleXlsxHeader } from '../test/helpers/import-sample.ts';
import { runChild } from './child.ts';
import type { BenchOptions, SectionResult } from './section.ts';
import { round } from './stats.ts';
import type { XlsxReadArgs, XlsxReadResult } from './xlsx-worker.ts';

/** One row in this many carries damage, as in the import section. */
const DAMAGE_EVERY = 10;
/** The planner's memory (functions/workers.ts, importPlanner.memoryMb). */
const PLANNER_MB = 2048;
/** The old space the reader is also run within, to show that its memory is bounded, not merely lazy GC. */
const HEAP_CAP_MB = 64;
/** `XLSX_BENCH_ROWS=10000,100000,500000` overrides the sizes. */
const SIZES = process.env.XLSX_BENCH_ROWS?.split(',').map(Number);

/**
 * The sample (test/helpers/import-sample.ts) as an XLSX file written by exceljs's streaming writer with
 * shared strings: the sheet is stored before the shared strings and the workbook part, as Excel does.
 */
async function writeSampleXlsx(path: string, count: number): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true });
  const sheet = workbook.addWorksheet('Data UMKM');
  sheet.addRow(sampleXlsxHeader()).commit();
  const SLICE = 10_000;
  for (let start = 0; start < count; start += SLICE)
    for (const row of sampleRows(Math.min(SLICE, count - start), {
      seed: start + 1,
      damageEvery: DAMAGE_EVERY,
      start,
    }))
      sheet.addRow(sampleXlsxCells(row)).commit();
  sheet.commit();
  await workbook.commit();
}

const FAILED: XlsxReadResult = {
  rows: 0,
  seconds: 0,
  peakRssMb: 0,
  peakHeapMb: 0,
  stepHeapMb: 0,
  peakDiskMb: 0,
  digest: '',
};

interface XlsxBenchRow extends XlsxReadResult {
  count: number;
  reader: XlsxReadArgs['reader'];
  heapCapMb?: number;
  fileMb: number;
}

/**
 * The import planner's XLSX reading alone (no queue, no table): the reader before (exceljs's
 * `WorkbookReader`, shared strings cached in memory) and the one now (functions/imports/xlsx.ts, shared
 * strings on disk), each in its own child process over the same generated file, at growing sizes. Memory
 * is flat in N when the largest file's figures match the smallest's.
 */
export async function xlsxMemory(options: BenchOptions): Promise<SectionResult> {
  const sizes = SIZES ?? (options.quick ? [10_000, 50_000] : [10_000, 100_000]);
  const directory = mkdtempSync(join(tmpdir(), 'umkm-bench-xlsx-'));
  const load = loadavg().map((value) => round(value, 2));
  const rows: XlsxBenchRow[] = [];
  try {
    for (const count of sizes) {
      const file = join(directory, `sample-${count}.xlsx`);
      options.progress(`xlsx: writing ${count} rows`);
      await writeSampleXlsx(file, count);
      const fileMb = round(statSync(file).size / 1024 / 1024, 1);
      const runs: { reader: XlsxReadArgs['reader']; heapCapMb?: number }[] = [
        { reader: 'exceljs-cache' },
        { reader: 'exceljs-cache', heapCapMb: HEAP_CAP_MB },
        { reader: 'disk-strings' },
        { reader: 'disk-strings', heapCapMb: HEAP_CAP_MB },
      ];
      for (const { reader, heapCapMb } of runs) {
        options.progress(
          `xlsx: ${count} rows, ${reader}${heapCapMb ? `, old space capped at ${heapCapMb} MB` : ''}`,
        );
        const result = await runChild<XlsxReadResult>(new URL('./xlsx-worker.ts', import.meta.url), {
          args: [JSON.stringify({ file, reader } satisfies XlsxReadArgs)],
          execArgv: ['--expose-gc', ...(heapCapMb ? [`--max-old-space-size=${heapCapMb}`] : [])],
        }).catch((error: unknown) => {
          // The reader before, capped, runs out of memory: recorded as such, not a failed bench.
          if (!heapCapMb || reader !== 'exceljs-cache') throw error;
          const outOfMemory = /heap out of memory/i.test(String(error));
          return { ...FAILED, digest: outOfMemory ? 'out of memory' : 'failed' };
        });
        rows.push({ ...result, count, reader, fileMb, ...(heapCapMb ? { heapCapMb } : {}) });
      }
      rmSync(file, { force: true });
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
  const read = rows.filter((row) => row.rows > 0);
  const same = sizes.every(
    (count) => new Set(read.filter((row) => row.count === count).map((row) => row.digest)).size === 1,
  );
  // Bounded: the reader read every size within a small, fixed heap, far below the planner's memory.
  const capped = rows.filter((row) => row.heapCapMb && row.reader === 'disk-strings');
  const flat =
    capped.length === sizes.length &&
    capped.every((row) => row.rows === row.count + 1 && row.peakRssMb < PLANNER_MB / 4);
  return {
    pass: same && flat && read.every((row) => row.rows === row.count + 1),
    data: { rows, load, same, flat },
    tables: [
      {
        title: `XLSX reading in the import planner: peak memory per process, before and after (load average ${load.join(' ')})`,
        columns: [
          'rows',
          'file MB',
          'reader',
          'seconds',
          'rows/s',
          'peak RSS MB',
          'peak heap MB',
          'heap above baseline MB',
          'peak /tmp MB',
          'rows digest',
        ],
        rows: rows.map((row) => [
          row.count,
          row.fileMb,
          `${row.reader === 'exceljs-cache' ? 'before: exceljs, strings in memory' : 'now: xlsx.ts, strings on disk'}${row.heapCapMb ? `, old space capped at ${row.heapCapMb} MB` : ''}`,
          row.seconds,
          row.rows > 0 ? Math.round(row.rows / row.seconds) : '',
          row.peakRssMb,
          row.peakHeapMb,
          row.stepHeapMb,
          row.reader === 'exceljs-cache' ? 'sheet spooled by exceljs' : row.peakDiskMb,
          row.digest,
        ]),
      },
    ],
    notes: [
      "file: the import sample written by exceljs's streaming writer with shared strings (sheet before shared strings, as Excel stores them); every name, NIK, phone, email and NIB is a distinct string.",
      `rows digest: a hash of every row read (trailing empty cells dropped); ${same ? 'the same for both readers at every size' : 'DIFFERS between the readers'}.`,
      `memory bounded in N: ${flat ? 'yes' : 'NO'} (the reader now reads every size within --max-old-space-size=${HEAP_CAP_MB}, its RSS under a quarter of the planner's ${PLANNER_MB} MB). Uncapped, V8 lets garbage grow the heap with the work done (Lambda's Node caps the old space near the function's memory), so uncapped peaks rise with N though nothing is held; the reader before, capped alike, shows whether it holds what it read.`,
      "peak /tmp: the spooled sheet and the shared-strings store, sampled every 20 ms; the planner's ephemeral storage bounds it (functions/imports/xlsx.ts, MAX_DISK_BYTES).",
    ],
  };
}
