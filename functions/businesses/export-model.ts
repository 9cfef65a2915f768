import type { ExportFileFormat } from '../shared/storage-keys.ts';
import type { BusinessFilters } from './store.ts';

/**
 * An asynchronous registry export (a set too large for one answer, or any XLSX): `queued` until the worker
 * picks it up, `collecting` while it pages through the list's index into chunks, `assembling` while it
 * writes the file from the chunks, then `done` (the file is in S3) or `failed` (a reason, never data).
 */
export const EXPORT_STATES = ['queued', 'collecting', 'assembling', 'done', 'failed'] as const;
export type ExportState = (typeof EXPORT_STATES)[number];

export interface ExportJob {
  id: string;
  /** The operator who asked; only they see the job and its file. */
  requestedBy: string;
  requestedAt: string;
  format: ExportFileFormat;
  /** Unmasked NIK and contacts: every record written is recorded as read by `requestedBy`. */
  identity: boolean;
  filters: BusinessFilters;
  state: ExportState;
  /** Rows collected so far (in chunks already written); exact once done. */
  rows: number;
  /** Chunks written so far: the worker's checkpoint, with the cursor to go on from. */
  chunks: number;
  cursor?: string;
  /** Invocations that have worked on the job (a 500,000-row export may take more than one). */
  legs: number;
  updatedAt: string;
  finishedAt?: string;
  /** The file's size in bytes, once done. */
  bytes?: number;
  /** Why it failed, for the operator (no personal data). */
  error?: string;
}

/** How long a job (and with it the link to its file) can be asked for: the file expires after a day. */
export const EXPORT_JOB_TTL_SECONDS = 2 * 24 * 3600;
