/**
 * Domain rules of a UMKM registration, as pure functions: size class per PP 7/2021, NIK, mobile numbers,
 * NPWP. No I/O here, so every rule is tested on its own.
 */

export const SIZE_CLASSES = ['mikro', 'kecil', 'menengah'] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];

const MILIAR = 1_000_000_000;

/**
 * PP 7/2021 Pasal 35: upper bounds (inclusive) of capital (modal usaha, excluding land and buildings)
 * and of annual sales, in rupiah.
 */
export const SIZE_LIMITS: Record<SizeClass, { capital: number; annualSales: number }> = {
  mikro: { capital: 1 * MILIAR, annualSales: 2 * MILIAR },
  kecil: { capital: 5 * MILIAR, annualSales: 15 * MILIAR },
  menengah: { capital: 10 * MILIAR, annualSales: 50 * MILIAR },
};

/** The year PP 7/2021 took effect: businesses founded before it may be classed by their sales. */
export const PP_7_2021_YEAR = 2021;

export interface SizeDecision {
  class: SizeClass;
  rule: 'capital' | 'annualSales';
  basis: string;
}

const rupiah = (value: number) => `Rp${value.toLocaleString('id-ID')}`;

/**
 * The size class and the rule that decided it, or `undefined` when the business is above menengah (not
 * UMKM). Capital decides at registration; a business founded before 2021 is classed by annual sales.
 */
export function classifySize(input: {
  capital: number;
  annualSales: number;
  yearStarted: number;
}): SizeDecision | undefined {
  const rule = input.yearStarted < PP_7_2021_YEAR ? 'annualSales' : 'capital';
  const value = input[rule];
  let lower = 0;
  for (const sizeClass of SIZE_CLASSES) {
    const upper = SIZE_LIMITS[sizeClass][rule];
    if (value <= upper) {
      const measure =
        rule === 'capital' ? 'modal usaha (di luar tanah dan bangunan)' : 'hasil penjualan tahunan';
      const range = lower === 0 ? `≤ ${rupiah(upper)}` : `> ${rupiah(lower)} s.d. ${rupiah(upper)}`;
      return { class: sizeClass, rule, basis: `PP 7/2021 Pasal 35: ${measure} ${range}` };
    }
    lower = upper;
  }
  return undefined;
}

export type Gender = 'female' | 'male';

/**
 * Checks a NIK's form (16 digits: province, city, kecamatan, DDMMYY with +40 on the day for women, a
 * 4-digit sequence) and, when given, its consistency with the date of birth and gender. Returns the
 * problems found, empty when it is sound.
 */
export function nikProblems(nik: string, dateOfBirth?: string, gender?: Gender): string[] {
  if (!/^\d{16}$/.test(nik)) return ['A NIK has 16 digits.'];
  const province = Number(nik.slice(0, 2));
  if (province < 11 || province > 99) return ['The NIK’s province code is not valid.'];
  if (nik.slice(2, 4) === '00' || nik.slice(4, 6) === '00')
    return ['The NIK’s city or kecamatan code is not valid.'];
  if (nik.slice(12) === '0000') return ['The NIK’s sequence number is not valid.'];
  const encodedDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const year = Number(nik.slice(10, 12));
  const isFemale = encodedDay > 40;
  const day = isFemale ? encodedDay - 40 : encodedDay;
  if (day < 1 || day > 31 || month < 1 || month > 12) return ['The NIK does not hold a valid date of birth.'];
  // The two-digit year fits either century; the day must exist in one of them (29 Feb).
  const exists = [1900, 2000].some((century) => {
    const date = new Date(Date.UTC(century + year, month - 1, day));
    return date.getUTCDate() === day && date.getUTCMonth() === month - 1;
  });
  if (!exists) return ['The NIK does not hold a valid date of birth.'];

  const problems: string[] = [];
  if (dateOfBirth) {
    const [birthYear, birthMonth, birthDay] = dateOfBirth.split('-').map(Number);
    if (birthDay !== day || birthMonth !== month || (birthYear ?? 0) % 100 !== year) {
      problems.push('The NIK does not match the date of birth.');
    }
  }
  if (gender && (gender === 'female') !== isFemale) problems.push('The NIK does not match the gender.');
  return problems;
}

/** Masks a NIK for lists: only the last 4 digits stay. */
export const maskNik = (nik: string) => `${'*'.repeat(12)}${nik.slice(-4)}`;

/**
 * An Indonesian mobile number in E.164 (`+628…`), from `08…`, `628…` or `+628…` with spaces, dots, dashes
 * or brackets; undefined when it is not one.
 */
export function normaliseMobile(input: string): string | undefined {
  const digits = input.replace(/[\s.\-()]/g, '');
  const match = /^(?:\+62|62|0)(8\d{7,11})$/.exec(digits);
  return match ? `+62${match[1]}` : undefined;
}

/** NPWP as 16 digits: separators dropped, a 15-digit legacy number gets a leading 0. */
export function normaliseNpwp(input: string): string | undefined {
  const digits = input.replace(/[\s.-]/g, '');
  if (/^\d{16}$/.test(digits)) return digits;
  if (/^\d{15}$/.test(digits)) return `0${digits}`;
  return undefined;
}

/** RT and RW as the three digits Dukcapil writes (`7` → `007`). */
export const normaliseRtRw = (input: string) => input.padStart(3, '0');
