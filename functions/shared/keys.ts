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

export const businessKey = (id: string): TableKey => ({ PK: composeKey('BUSINESS', id), SK: 'BUSINESS' });
export const nibGuardKey = (nib: string): TableKey => ({ PK: composeKey('NIB', nib), SK: 'NIB' });
export const ownerKey = (sub: string): TableKey => ({ PK: composeKey('OWNER', sub), SK: 'OWNER' });
export const ownerBusinessesPartition = (sub: string) => composeKey('OWNER', sub);

/** Index keys of a business: owner (GSI1), kecamatan (GSI2), status (GSI3), all (GSI4); ids sort by time. */
export function businessIndexKeys(business: {
  id: string;
  ownerSub: string;
  kecamatan: string;
  status: string;
}) {
  return {
    GSI1PK: ownerBusinessesPartition(business.ownerSub),
    GSI1SK: composeKey('BUSINESS', business.id),
    GSI2PK: businessesByKecamatanPartition(business.kecamatan),
    GSI2SK: business.id,
    GSI3PK: businessesByStatusPartition(business.status),
    GSI3SK: business.id,
    GSI4PK: ALL_BUSINESSES_PARTITION,
    GSI4SK: business.id,
  };
}
export const businessesByKecamatanPartition = (kecamatan: string) =>
  composeKey('BUSINESSES', 'KEC', kecamatan);
export const businessesByStatusPartition = (status: string) => composeKey('BUSINESSES', 'STATUS', status);
export const ALL_BUSINESSES_PARTITION = 'BUSINESSES';

/** Counter cells operators read as statistics: kecamatan × size class × status, and sector × status. */
export const BUSINESS_STATS_PARTITION = 'STATS#BUSINESSES';
export const businessCounterKey = (
  cell:
    | { kind: 'area'; kecamatan: string; sizeClass: string; status: string }
    | { kind: 'sector'; sector: string; status: string },
): TableKey => ({
  PK: BUSINESS_STATS_PARTITION,
  SK:
    cell.kind === 'area'
      ? composeKey('KEC', cell.kecamatan, 'SIZE', cell.sizeClass, 'STATUS', cell.status)
      : composeKey('SECTOR', cell.sector, 'STATUS', cell.status),
});
