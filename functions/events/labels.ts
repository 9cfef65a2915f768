import type { EVENT_TYPES, NEEDS } from './vocabulary.ts';

/** What citizens read for the events' vocabularies (mails and pages), in Bahasa Indonesia and English. */
type Language = 'id' | 'en';

export const TYPE_LABELS: Record<Language, Record<(typeof EVENT_TYPES)[number], string>> = {
  id: {
    pameran: 'Pameran',
    bazar: 'Bazar',
    pelatihan: 'Pelatihan',
    workshop: 'Workshop',
    pendampingan: 'Pendampingan',
    temu_bisnis: 'Temu bisnis',
    kurasi_produk: 'Kurasi produk',
    sertifikasi: 'Sertifikasi',
    sosialisasi: 'Sosialisasi',
    festival: 'Festival',
    lomba: 'Lomba',
  },
  en: {
    pameran: 'Exhibition',
    bazar: 'Bazaar',
    pelatihan: 'Training',
    workshop: 'Workshop',
    pendampingan: 'Mentoring',
    temu_bisnis: 'Business meeting',
    kurasi_produk: 'Product curation',
    sertifikasi: 'Certification',
    sosialisasi: 'Information session',
    festival: 'Festival',
    lomba: 'Competition',
  },
};

/** The needs as the needs survey words them. */
export const NEED_LABELS: Record<Language, Record<(typeof NEEDS)[number], string>> = {
  id: {
    gerai: 'Gerai / tempat berjualan',
    pelatihan: 'Pelatihan',
    pasar: 'Akses pasar: pameran, bazar, temu bisnis',
    sertifikasi: 'Sertifikasi: halal, P-IRT, BPOM, SNI, merek',
    pemasaran_online: 'Pemasaran online',
    pembiayaan: 'Pembiayaan / permodalan',
  },
  en: {
    gerai: 'An outlet / place to sell',
    pelatihan: 'Training',
    pasar: 'Market access: fairs, bazaars, business matching',
    sertifikasi: 'Certification: halal, P-IRT, BPOM, SNI, trademark',
    pemasaran_online: 'Online marketing',
    pembiayaan: 'Financing',
  },
};

export const typeLabel = (language: Language, type: string): string =>
  (TYPE_LABELS[language] as Record<string, string>)[type] ?? type;
