import type { Language } from '../subscriptions/schemas.ts';

export { escapeHtml } from '../shared/html.ts';
export { plainLine, plainUrl } from '../shared/mail-text.ts';

/** Formatting for mails: WIB dates in the reader's language, rupiah, HTML escaping and plain-text lines. */

const WIB_OFFSET_MS = 7 * 3600 * 1000;
const DAYS: Record<Language, string[]> = {
  id: ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};
const MONTHS: Record<Language, string[]> = {
  id: [
    'Januari',
    'Februari',
    'Maret',
    'April',
    'Mei',
    'Juni',
    'Juli',
    'Agustus',
    'September',
    'Oktober',
    'November',
    'Desember',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

/**
 * "Senin, 7 Desember 2026, 09.00 WIB" (Indonesian writes the time with a dot) or
 * "Monday, 7 December 2026, 09:00 WIB". Written out rather than through Intl so that the text does not
 * depend on the ICU data of the runtime.
 */
export function wibDateTime(iso: string, language: Language): string {
  const wib = new Date(Date.parse(iso) + WIB_OFFSET_MS);
  const hours = String(wib.getUTCHours()).padStart(2, '0');
  const minutes = String(wib.getUTCMinutes()).padStart(2, '0');
  const time = language === 'id' ? `${hours}.${minutes}` : `${hours}:${minutes}`;
  return `${DAYS[language][wib.getUTCDay()]}, ${wib.getUTCDate()} ${MONTHS[language][wib.getUTCMonth()]} ${wib.getUTCFullYear()}, ${time} WIB`;
}

/** Rp50.000 (Indonesian digit grouping), or free. */
export const rupiah = (amount: number, language: Language): string =>
  amount === 0
    ? language === 'id'
      ? 'Gratis'
      : 'Free'
    : `Rp${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, '.')}`;
