/** The file, not the system, is at fault: the import fails with this message (shown to the operator). */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
}
