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

export { ULID } from '../shared/ids.ts';

export { KECAMATAN_CODE } from '../regions/codes.ts';
