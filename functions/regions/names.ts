/**
 * The 12 kecamatan of Kota Bekasi by code, names only: what pages and their forms show. It is
 * `bekasi-wilayah.json` reduced to what a page needs, so that page functions do not bundle the kelurahan
 * and postal codes (3.9 KB); `test/unit/regions.test.ts` fails if the two ever disagree.
 */
const NAMES =
  '01:Bekasi Timur,02:Bekasi Barat,03:Bekasi Utara,04:Bekasi Selatan,05:Rawalumbu,06:Medansatria,07:Bantargebang,08:Pondokgede,09:Jatiasih,10:Jatisampurna,11:Mustikajaya,12:Pondokmelati';

/** `[code, name]` in Kemendagri order. */
export const KECAMATAN_NAMES: readonly (readonly [string, string])[] = NAMES.split(',').map((entry) => {
  const [code = '', name = ''] = entry.split(':');
  return [`32.75.${code}`, name] as const;
});

const byCode = new Map(KECAMATAN_NAMES);

export const kecamatanName = (code: string): string | undefined => byCode.get(code);
