/** The events' vocabularies, without schemas: other features (subscriptions) share them cheaply. */

export const EVENT_TYPES = [
  'pameran',
  'bazar',
  'pelatihan',
  'workshop',
  'pendampingan',
  'temu_bisnis',
  'kurasi_produk',
  'sertifikasi',
  'sosialisasi',
  'festival',
  'lomba',
] as const;

/** The needs an event addresses: the same vocabulary as the needs surveys. */
export const NEEDS = [
  'gerai',
  'pelatihan',
  'pasar',
  'sertifikasi',
  'pemasaran_online',
  'pembiayaan',
] as const;

/** ULIDs: time-sortable ids. */
export const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/** Kemendagri code of a kecamatan in Kota Bekasi (the same pattern as `regions/routes.ts`, without its schemas). */
export const KECAMATAN_CODE = /^32\.75\.\d{2}$/;

/** The 12 kecamatan of Kota Bekasi, 32.75.01 to 32.75.12 (see `regions/bekasi-wilayah.json`). */
export const BEKASI_KECAMATAN = /^32\.75\.(0[1-9]|1[0-2])$/;
