import type { ImportFileFormat } from '../shared/storage-keys.ts';
import type { ImportField } from './columns.ts';

/** An import's state: waiting for its file, reading it, importing chunks, writing the report, done. */
export const IMPORT_STATES = [
  'awaiting-upload',
  'parsing',
  'importing',
  'reporting',
  'done',
  'failed',
] as const;
export type ImportState = (typeof IMPORT_STATES)[number];

/** Row outcomes as the report writes them. */
export const OUTCOMES = ['imported', 'matched', 'conflict', 'rejected'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export interface ImportCounters {
  /** Rows the planner has read from the file. */
  rowsRead: number;
  /** New records created. */
  imported: number;
  /** Rows that are records on file already (same NIB, or same NIK and business name), left unchanged. */
  matched: number;
  /** Rows matching a record its owner has claimed or edited: never overwritten, reported. */
  conflicts: number;
  rejected: number;
  /** Rows whose kecamatan or kelurahan was matched by a spelling variant. */
  looseMatches: number;
}

export interface ImportJob extends ImportCounters {
  id: string;
  fileName: string;
  format: ImportFileFormat;
  label: string;
  mapping?: Partial<Record<string, ImportField>>;
  sheet?: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  state: ImportState;
  /** Chunks queued so far (the planner's checkpoint) and, once the file is read, in all. */
  chunksPlanned: number;
  chunksTotal?: number;
  chunksDone: number;
  /** Why the file could not be read (no header, not a CSV/XLSX file), for a failed import. */
  error?: string;
  finishedAt?: string;
}

/**
 * A job as an operator starts it, waiting for its file: nothing read or counted yet. A mapping or sheet
 * is kept only when given.
 */
export function newImportJob(
  fields: Pick<ImportJob, 'id' | 'fileName' | 'format' | 'label' | 'mapping' | 'sheet' | 'createdBy'>,
  now = new Date().toISOString(),
): ImportJob {
  return {
    id: fields.id,
    fileName: fields.fileName,
    format: fields.format,
    label: fields.label,
    ...(fields.mapping ? { mapping: fields.mapping } : {}),
    ...(fields.sheet ? { sheet: fields.sheet } : {}),
    createdBy: fields.createdBy,
    createdAt: now,
    updatedAt: now,
    state: 'awaiting-upload',
    rowsRead: 0,
    imported: 0,
    matched: 0,
    conflicts: 0,
    rejected: 0,
    looseMatches: 0,
    chunksPlanned: 0,
    chunksDone: 0,
  };
}

export type { ChunkMessage, ImportMessage, PlanMessage, ReportMessage } from './messages.ts';
