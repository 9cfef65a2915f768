import { HttpProblem, preconditionFailed } from './problem.ts';

/** A record's version as a strong ETag. */
export const etag = (version: number) => `"${version}"`;

/**
 * The version an `If-Match` header names. Required where the route updates a record (428 without it);
 * a value that is not one of our ETags can never match (412).
 */
export function ifMatchVersion(headers: Record<string, string | undefined>, required: true): number;
export function ifMatchVersion(
  headers: Record<string, string | undefined>,
  required: false,
): number | undefined;
export function ifMatchVersion(
  headers: Record<string, string | undefined>,
  required: boolean,
): number | undefined {
  const value = headers['if-match'];
  if (value === undefined || value.trim() === '') {
    if (required)
      throw new HttpProblem(428, 'Send If-Match with the ETag you last read.', { type: 'if-match-required' });
    return undefined;
  }
  const match = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(value);
  if (!match) throw preconditionFailed();
  return Number(match[1]);
}
