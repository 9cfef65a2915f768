/**
 * Where objects live in the stack's one bucket, by purpose: the only place object keys are composed.
 * The CDK bucket (`lib/storage.ts`) takes its lifecycle rules from `STORAGE_EXPIRY_DAYS`, route and worker
 * rows name prefixes for their grants, and the functions build keys with the helpers below.
 */
export const STORAGE_PREFIXES = {
  /** Files operators upload to start an import (`imports/uploads/<importId>.<csv|xlsx>`). */
  importUploads: 'imports/uploads/',
  /** An import's row-level report (`imports/reports/<importId>.csv`), downloaded through a presigned URL. */
  importReports: 'imports/reports/',
  /** An import's intermediate objects (report parts per chunk), removed when the report is assembled. */
  importWork: 'imports/work/',
  /** Event posters as operators upload them (checked, then copied under `posters`). */
  posterUploads: 'posters/uploads/',
  /** Event posters as the pages serve them. */
  posters: 'posters/images/',
  /**
   * Registry exports too large for one answer (`exports/<exportId>.<csv|xlsx>`), downloaded through a
   * presigned URL, and the export worker's intermediate chunks (`exports/work/<exportId>/…`).
   */
  exports: 'exports/',
} as const;

export type StoragePrefix = keyof typeof STORAGE_PREFIXES;

/** What a function may do on the objects under one prefix (route and worker rows name these). */
export type ObjectAccess = 'read' | 'write' | 'delete';

/** A row's grant on the bucket: the named operations under one prefix, and nothing else. */
export interface StorageGrant {
  prefix: StoragePrefix;
  access: readonly ObjectAccess[];
}

/**
 * Days after which objects under a prefix expire (S3 lifecycle); a prefix not listed keeps its objects.
 * Uploads hold personal data (NIK, phone) and are needed only until the import ran; reports until the
 * Dinas has reviewed them.
 */
export const STORAGE_EXPIRY_DAYS: Partial<Record<StoragePrefix, number>> = {
  importUploads: 14,
  importReports: 90,
  importWork: 7,
  posterUploads: 2,
  // An export may hold identity data (NIK, contacts): gone a day after the link to it expired.
  exports: 1,
};

export const IMPORT_FILE_FORMATS = ['csv', 'xlsx'] as const;
export type ImportFileFormat = (typeof IMPORT_FILE_FORMATS)[number];

/** A key part: no `/` (it would nest), no `..`, printable ASCII only (keys are URL paths too). */
function part(value: string): string {
  if (!/^[A-Za-z0-9._-]+$/.test(value) || value.includes('..')) throw new Error('Bad object key part');
  return value;
}

export const importUploadKey = (importId: string, format: ImportFileFormat) =>
  `${STORAGE_PREFIXES.importUploads}${part(importId)}.${format}`;

/** The import id and format of an upload key, or undefined for any other key. */
export function parseImportUploadKey(
  key: string,
): { importId: string; format: ImportFileFormat } | undefined {
  const match = /^imports\/uploads\/([0-9A-Z]{26})\.(csv|xlsx)$/.exec(key);
  return match ? { importId: match[1] ?? '', format: match[2] as ImportFileFormat } : undefined;
}

export const importReportKey = (importId: string) => `${STORAGE_PREFIXES.importReports}${part(importId)}.csv`;

export const importReportPartKey = (importId: string, chunk: number) =>
  `${STORAGE_PREFIXES.importWork}${part(importId)}/report-${String(chunk).padStart(6, '0')}.csv`;

export const EXPORT_FILE_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFileFormat = (typeof EXPORT_FILE_FORMATS)[number];

export const exportKey = (exportId: string, format: ExportFileFormat) =>
  `${STORAGE_PREFIXES.exports}${part(exportId)}.${format}`;

/** One chunk of an export's rows as the worker collected them (JSON lines), until the file is assembled. */
export const exportChunkKey = (exportId: string, chunk: number) =>
  `${STORAGE_PREFIXES.exports}work/${part(exportId)}/chunk-${String(chunk).padStart(6, '0')}.jsonl`;

export const posterUploadKey = (eventId: string, uploadId: string) =>
  `${STORAGE_PREFIXES.posterUploads}${part(eventId)}/${part(uploadId)}`;

export const posterKey = (eventId: string, name: string) =>
  `${STORAGE_PREFIXES.posters}${part(eventId)}/${part(name)}`;
