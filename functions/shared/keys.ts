/**
 * Typed key helpers: the only place key strings are composed. Parts are joined with `#`; a part must not
 * contain `#` itself (ids are ULIDs, codes are digits and dots).
 */

export interface TableKey {
  PK: string;
  SK: string;
}

export function composeKey(...parts: (string | number)[]): string {
  for (const part of parts) {
    if (String(part).includes('#')) throw new Error('A key part may not contain #');
  }
  return parts.join('#');
}

export const healthKey = (): TableKey => ({ PK: 'HEALTH', SK: 'HEALTH' });
