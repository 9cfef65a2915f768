import type * as z from 'zod/mini';
import type { FieldError, FieldLocation } from './problem.ts';

type Issue = z.core.$ZodIssue;

function describe(issue: Issue): string {
  // zod/mini carries no locale (it would cost bundle size), so the messages are written here. A check
  // that states its own message (refine with `error`) keeps it.
  if (issue.message && issue.message !== 'Invalid input') return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'Required.' : `Expected ${issue.expected}.`;
    case 'too_small':
      return issue.origin === 'string'
        ? `Must be at least ${String(issue.minimum)} characters.`
        : issue.origin === 'array'
          ? `Must have at least ${String(issue.minimum)} items.`
          : `Must be ${issue.inclusive ? 'at least' : 'greater than'} ${String(issue.minimum)}.`;
    case 'too_big':
      return issue.origin === 'string'
        ? `Must be at most ${String(issue.maximum)} characters.`
        : issue.origin === 'array'
          ? `Must have at most ${String(issue.maximum)} items.`
          : `Must be ${issue.inclusive ? 'at most' : 'less than'} ${String(issue.maximum)}.`;
    case 'invalid_format':
      return issue.format === 'regex'
        ? `Must match ${issue.pattern ?? 'the expected format'}.`
        : `Must be a valid ${issue.format}.`;
    case 'invalid_value':
      return `Must be one of: ${issue.values.map(String).join(', ')}.`;
    case 'not_multiple_of':
      return issue.divisor === 1
        ? 'Must be a whole number.'
        : `Must be a multiple of ${String(issue.divisor)}.`;
    case 'unrecognized_keys':
      return 'Unknown field.';
    default:
      return 'Invalid value.';
  }
}

function joinPath(path: readonly PropertyKey[]): string {
  return path.map(String).join('.');
}

/**
 * One field error per bad field (the first issue found for it); an unknown-keys issue names each unknown
 * key separately.
 */
export function toFieldErrors(location: FieldLocation, issues: readonly Issue[]): FieldError[] {
  const errors = issues.flatMap((issue): FieldError[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        in: location,
        path: joinPath([...issue.path, key]),
        code: 'unrecognized_key',
        message: describe(issue),
      }));
    }
    const code = issue.code === 'invalid_type' && issue.input === undefined ? 'required' : issue.code;
    return [{ in: location, path: joinPath(issue.path), code, message: describe(issue) }];
  });
  const seen = new Set<string>();
  return errors.filter((error) => !seen.has(error.path) && seen.add(error.path));
}

/**
 * An address as we store, key, count and suppress it (the one mailbox key: subscriber ids, per-address
 * caps, suppression and registration all go through here): NFC, trimmed, and lower-cased whole. RFC 5321
 * lets a server treat the local part as case-sensitive, but no mail provider our citizens use does, and
 * treating `Flood@x.id` and `fLood@x.id` as two mailboxes let one mailbox take seven times its cap.
 * Addresses are ASCII here (the schemas' pattern), so the domain needs no punycode step.
 */
export function normaliseEmail(input: string): string {
  return input.normalize('NFC').trim().toLowerCase();
}
