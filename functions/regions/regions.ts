import raw from './bekasi-wilayah.json' with { type: 'json' };

/**
 * Kota Bekasi's 12 kecamatan and 56 kelurahan with Kemendagri codes and postal codes (Permendagri data,
 * copied from the programme's reference set). Names stay as officially written.
 * Never derive a kecamatan from a postal code: some postal codes cross kecamatan lines.
 */

export interface Kelurahan {
  code: string;
  name: string;
  postalCode: string;
}

export interface Kecamatan {
  code: string;
  name: string;
  kelurahan: Kelurahan[];
}

export const KECAMATAN: readonly Kecamatan[] = raw.map((kecamatan) => ({
  code: kecamatan.kode,
  name: kecamatan.kecamatan,
  kelurahan: kecamatan.kelurahan.map((kelurahan) => ({
    code: kelurahan.kode,
    name: kelurahan.nama,
    postalCode: kelurahan.kodepos,
  })),
}));

const byCode = new Map(KECAMATAN.map((kecamatan) => [kecamatan.code, kecamatan]));

export const findKecamatan = (code: string): Kecamatan | undefined => byCode.get(code);
