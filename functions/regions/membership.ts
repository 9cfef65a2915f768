/**
 * Which kelurahan lie in which kecamatan of Kota Bekasi, as codes only: what validating an address needs.
 * It is `bekasi-wilayah.json` reduced to codes (`KK:NNNN,…` per kecamatan `32.75.KK`), so that functions
 * which check addresses do not bundle the names and postal codes (3.9 KB); `test/unit/regions.test.ts`
 * fails if the two ever disagree.
 */
const CODES =
  '01:1001,1002,1003,1004 02:1001,1002,1003,1004,1005 03:1001,1002,1003,1004,1005,1006 04:1001,1002,1003,1004,1005 05:1001,1002,1003,1004 06:1001,1002,1003,1004 07:1003,1004,1007,1008 08:1001,1002,1003,1006,1007 09:1001,1002,1003,1004,1005,1006 10:1001,1002,1003,1004,1005 11:1001,1002,1003,1004 12:1001,1002,1003,1004';

const membership = new Map(
  CODES.split(' ').map((entry) => {
    const [kecamatan = '', kelurahan = ''] = entry.split(':');
    const prefix = `32.75.${kecamatan}`;
    return [prefix, new Set(kelurahan.split(',').map((code) => `${prefix}.${code}`))] as const;
  }),
);

export const isKecamatan = (code: string): boolean => membership.has(code);

/** True when the kelurahan exists and lies in the given kecamatan. */
export const kelurahanBelongsTo = (kelurahanCode: string, kecamatanCode: string): boolean =>
  membership.get(kecamatanCode)?.has(kelurahanCode) ?? false;

/** Every kelurahan code, by kecamatan code. */
export const kelurahanCodes = (): Map<string, string[]> =>
  new Map([...membership].map(([kecamatan, codes]) => [kecamatan, [...codes]]));
