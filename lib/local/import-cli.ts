import { extname } from 'node:path';
import { IMPORT_FIELDS, type ImportField } from '../../functions/imports/columns.ts';
import type { ImportFileFormat } from '../../functions/shared/storage-keys.ts';

/** The pieces of `npm run import` (bin/import.ts) that are not I/O, unit-tested on their own. */

/** `--format`, or the file's extension. */
export function formatOf(file: string, given?: string): ImportFileFormat {
  const format = (given ?? extname(file).slice(1)).toLowerCase();
  if (format === 'csv' || format === 'xlsx') return format;
  throw new Error(
    given
      ? `--format must be csv or xlsx, not ${given}`
      : `Cannot tell the format of ${file} from its extension: give --format csv|xlsx`,
  );
}

/** `--mapping "Nama Dagang=name;No KTP=nik"` (or a JSON object) → `{ header: field }`. */
export function parseMapping(text: string | undefined): Record<string, ImportField> | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const entries: [string, string][] = text.trim().startsWith('{')
    ? Object.entries(JSON.parse(text) as Record<string, string>)
    : text.split(';').map((pair) => {
        const at = pair.lastIndexOf('=');
        if (at <= 0) throw new Error(`--mapping: "${pair}" is not HEADER=field`);
        return [pair.slice(0, at).trim(), pair.slice(at + 1).trim()];
      });
  const fields = new Set<string>(IMPORT_FIELDS);
  for (const [header, field] of entries)
    if (!fields.has(field))
      throw new Error(
        `--mapping: ${header} → ${field}: the field must be one of ${IMPORT_FIELDS.join(', ')}`,
      );
  return Object.fromEntries(entries) as Record<string, ImportField>;
}

export interface Progress {
  state: string;
  rowsRead: number;
  imported: number;
  matched: number;
  conflicts: number;
  rejected: number;
  chunksDone: number;
  chunksTotal?: number;
}

const BAR = 24;

/**
 * One status line: a bar over the chunks once the whole file is read (before, the rows read so far), and
 * the counters. Drawn over itself with `\r` on a terminal; written once per change otherwise.
 */
export function progressLine(job: Progress): string {
  const done = job.imported + job.matched + job.conflicts + job.rejected;
  const fraction =
    job.state === 'done'
      ? 1
      : job.chunksTotal
        ? job.chunksDone / job.chunksTotal
        : job.rowsRead > 0
          ? Math.min(0.99, done / job.rowsRead) * 0.5
          : 0;
  const filled = Math.round(fraction * BAR);
  return (
    `[${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}% ` +
    `${job.state.padEnd(15)} rows ${done}/${job.rowsRead}${job.chunksTotal ? '' : '+'} · ` +
    `imported ${job.imported} · matched ${job.matched} · conflicts ${job.conflicts} · rejected ${job.rejected}`
  );
}
