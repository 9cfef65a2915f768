/** The fixed lists a registration chooses from. */

/** The privacy notice (UU 27/2022) an owner must accept to register; bump it when the notice changes. */
export const PRIVACY_NOTICE_VERSION = '2026-11';

export const SECTORS = [
  'kuliner',
  'fesyen',
  'kriya',
  'agribisnis',
  'perdagangan',
  'jasa',
  'industri_pengolahan',
  'kreatif_digital',
  'kesehatan_kecantikan',
  'otomotif',
  'lainnya',
] as const;
export const LEGAL_FORMS = [
  'perorangan',
  'pt_perorangan',
  'cv',
  'pt',
  'firma',
  'koperasi',
  'ud',
  'lainnya',
] as const;
export const CERTIFICATION_TYPES = ['halal', 'pirt', 'bpom_md', 'sni', 'merek'] as const;
export const BUSINESS_STATUSES = ['pending', 'verified', 'rejected', 'needs_changes'] as const;
export const DECISIONS = ['verified', 'rejected', 'needs_changes'] as const;

export type Sector = (typeof SECTORS)[number];
export type BusinessStatus = (typeof BUSINESS_STATUSES)[number];
