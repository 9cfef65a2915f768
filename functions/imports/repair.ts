import { newImportedBusiness } from '../businesses/changes.ts';
import type { Business, BusinessSource } from '../businesses/model.ts';
import { BusinessFields } from '../businesses/registration-schemas.ts';
import { LEGAL_FORMS, SECTORS } from '../businesses/vocabulary.ts';
import { KECAMATAN } from '../regions/regions.ts';
import { HttpProblem } from '../shared/problem.ts';
import type { ImportField } from './columns.ts';

/**
 * Repairs what spreadsheets do to data, when the repair is unambiguous, and says why a row cannot be
 * imported otherwise. Pure functions: a row in, a business (or reasons) out; nothing here can throw for any
 * input (`test/unit/imports-repair.test.ts` checks that with fast-check).
 */

/** A cell as the parser hands it over: text (CSV, or an XLSX text cell), or an XLSX number. */
export type Cell = string | number;
export type Row = Partial<Record<ImportField, Cell>>;

/** What came of one field's repair: a value, nothing (empty cell), or a reason it cannot be used. */
type Repaired<T> = { value: T } | { empty: true } | { problem: string };
const ok = <T>(value: T): Repaired<T> => ({ value });
const EMPTY = { empty: true } as const;
const bad = (problem: string): Repaired<never> => ({ problem });

/** Stray spaces: NBSP and other space characters become one space, zero-width characters and a BOM go. */
export function cleanText(cell: Cell | undefined): string {
  if (cell === undefined) return '';
  return String(cell)
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\s\u00A0\u2007\u202F]+/g, ' ')
    .trim();
}

/** Digits of an identifier: an Excel text marker (`'`) and separators (spaces, dots, dashes) dropped. */
const identifierText = (cell: Cell) =>
  cleanText(cell)
    .replace(/^'/, '')
    .replace(/[\s.-]/g, '');

const SCIENTIFIC = /^\d(?:[.,]\d+)?e\+?\d+$/i;

/**
 * A NIK is never repaired: 16 digits as written, or the row is rejected. A number cell means Excel held
 * it as a number, which keeps 15 significant digits: the 16th is lost, whatever the cell shows.
 */
export function repairNik(cell: Cell | undefined): Repaired<string> {
  if (cell === undefined || cleanText(cell) === '') return EMPTY;
  if (typeof cell === 'number')
    return bad('NIK stored as a number: Excel keeps 15 digits, so the 16th is lost; store NIK as text.');
  const text = cleanText(cell);
  if (SCIENTIFIC.test(text))
    return bad('NIK in scientific notation (e.g. 3.27501E+15): its digits are lost.');
  const digits = identifierText(text);
  if (/^\d{16}\.0+$/.test(text)) return bad('NIK written as a decimal number: it may have been rounded.');
  if (!/^\d+$/.test(digits)) return bad('NIK must be 16 digits.');
  if (digits.length !== 16)
    return bad(`NIK has ${digits.length} digits instead of 16 (damaged or mistyped).`);
  return ok(digits);
}

/** A fixed-length code whose leading zeros a number cell dropped (NIB 13, KBLI 5): padded back. */
function fixedDigits(cell: Cell | undefined, length: number, what: string): Repaired<string> {
  if (cell === undefined || cleanText(cell) === '') return EMPTY;
  if (typeof cell === 'number') {
    if (!Number.isSafeInteger(cell) || cell < 0) return bad(`${what} is not a whole number.`);
    const digits = String(cell);
    return digits.length <= length ? ok(digits.padStart(length, '0')) : bad(`${what} has too many digits.`);
  }
  const text = cleanText(cell);
  if (SCIENTIFIC.test(text)) return bad(`${what} in scientific notation: its digits are lost.`);
  const digits = identifierText(text);
  if (!/^\d+$/.test(digits)) return bad(`${what} must be ${length} digits.`);
  // A text cell with fewer digits may be a typo as well as a lost zero: only a number cell is padded.
  return digits.length === length ? ok(digits) : bad(`${what} must be ${length} digits.`);
}

export const repairNib = (cell: Cell | undefined) => fixedDigits(cell, 13, 'NIB');

/** KBLI codes, one or several separated by commas, semicolons, slashes or spaces. */
export function repairKbli(cell: Cell | undefined): Repaired<string[]> {
  if (cell === undefined || cleanText(cell) === '') return EMPTY;
  if (typeof cell === 'number') {
    const code = fixedDigits(cell, 5, 'KBLI');
    return 'value' in code ? ok([code.value]) : code;
  }
  const codes: string[] = [];
  for (const part of cleanText(cell)
    .split(/[,;/\s]+/)
    .filter(Boolean)) {
    const code = /^\d{1,5}$/.test(part) && part.length >= 4 ? part.padStart(5, '0') : part;
    if (!/^\d{5}$/.test(code)) return bad('KBLI codes must be 5 digits each.');
    codes.push(code);
  }
  return ok(codes);
}

export const repairNpwp = (cell: Cell | undefined): Repaired<string> =>
  cell === undefined || cleanText(cell) === ''
    ? EMPTY
    : typeof cell === 'number'
      ? bad('NPWP stored as a number: its digits may be lost; store NPWP as text.')
      : ok(identifierText(cell));

/** A mobile number in any local form; a number cell lost its leading 0 (`81234567890` → `0812…`). */
export function repairMobile(cell: Cell | undefined): Repaired<string> {
  if (cell === undefined || cleanText(cell) === '') return EMPTY;
  const text = typeof cell === 'number' ? (Number.isSafeInteger(cell) ? String(cell) : '') : cleanText(cell);
  if (SCIENTIFIC.test(text) || text === '')
    return bad('Phone number stored as a number in scientific notation.');
  const compact = text.replace(/[\s.\-()/]/g, '');
  return ok(/^8\d{7,11}$/.test(compact) ? `0${compact}` : compact);
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const isoOf = (year: number, month: number, day: number): string | undefined => {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
    ? date.toISOString().slice(0, 10)
    : undefined;
};

/** A date: an Excel serial number, `dd/mm/yyyy` (also with `-` or `.`), or ISO `yyyy-mm-dd`. */
export function repairDate(cell: Cell | undefined): Repaired<string> {
  if (cell === undefined || cleanText(cell) === '') return EMPTY;
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || cell < 1 || cell > 80_000) return bad('Date is not a valid Excel date.');
    return ok(new Date(EXCEL_EPOCH + cell * 86_400_000).toISOString().slice(0, 10));
  }
  const text = cleanText(cell);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (iso) {
    const date = isoOf(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    return date ? ok(date) : bad('Date is not a real calendar date.');
  }
  const local = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (local) {
    const date = isoOf(Number(local[3]), Number(local[2]), Number(local[1]));
    return date ? ok(date) : bad('Date must be dd/mm/yyyy (day first) and a real calendar date.');
  }
  if (/^\d{4,5}$/.test(text)) return repairDate(Number(text));
  return bad('Date must be dd/mm/yyyy, yyyy-mm-dd or an Excel date.');
}

/** Rupiah: `Rp 1.500.000`, `1.500.000,00`, `1,500,000`, `1500000` or a number cell; whole rupiah only. */
export function repairRupiah(cell: Cell | undefined): Repaired<number> {
  if (cell === undefined || cleanText(cell) === '') return EMPTY;
  if (typeof cell === 'number')
    return Number.isSafeInteger(cell) && cell >= 0 ? ok(cell) : bad('Amount must be whole rupiah.');
  const text = cleanText(cell)
    .replace(/^rp\.?\s*/i, '')
    .replace(/\s/g, '');
  let digits: string | undefined;
  if (/^\d+$/.test(text)) digits = text;
  else if (/^\d{1,3}(?:\.\d{3})+(?:,0+)?$/.test(text)) digits = text.replace(/,0+$/, '').replaceAll('.', '');
  else if (/^\d{1,3}(?:,\d{3})+(?:\.0+)?$/.test(text)) digits = text.replace(/\.0+$/, '').replaceAll(',', '');
  else if (/^\d+[.,]0+$/.test(text)) digits = text.replace(/[.,]0+$/, '');
  if (digits === undefined) return bad('Amount must be whole rupiah, e.g. 1.500.000.');
  const value = Number(digits);
  return Number.isSafeInteger(value) ? ok(value) : bad('Amount is too large.');
}

/** A whole number (workers, year started) from a number or digit cell. */
export function repairWhole(cell: Cell | undefined, what: string): Repaired<number> {
  if (cell === undefined || cleanText(cell) === '') return EMPTY;
  const value =
    typeof cell === 'number'
      ? cell
      : /^\d{1,9}(?:[.,]0+)?$/.test(cleanText(cell))
        ? parseInt(cleanText(cell), 10)
        : NaN;
  return Number.isSafeInteger(value) && value >= 0 ? ok(value) : bad(`${what} must be a whole number.`);
}

const key = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

function fromList<T extends string>(
  cell: Cell | undefined,
  options: Record<string, T>,
  what: string,
): Repaired<T> {
  if (cell === undefined || cleanText(cell) === '') return EMPTY;
  const found = options[key(String(cell))];
  return found ? ok(found) : bad(`${what} is not one the registry knows.`);
}

const GENDERS: Record<string, 'female' | 'male'> = {
  l: 'male',
  lakilaki: 'male',
  laki: 'male',
  pria: 'male',
  male: 'male',
  m: 'male',
  p: 'female',
  perempuan: 'female',
  wanita: 'female',
  female: 'female',
  f: 'female',
};
const YES_NO: Record<string, 'true' | 'false'> = {
  ya: 'true',
  y: 'true',
  yes: 'true',
  true: 'true',
  '1': 'true',
  ada: 'true',
  tidak: 'false',
  t: 'false',
  no: 'false',
  n: 'false',
  false: 'false',
  '0': 'false',
  tidakada: 'false',
};
const LEGAL: Record<string, (typeof LEGAL_FORMS)[number]> = {
  ...Object.fromEntries(LEGAL_FORMS.map((form) => [key(form), form])),
  perseorangan: 'perorangan',
  individu: 'perorangan',
  ptperseorangan: 'pt_perorangan',
  fa: 'firma',
  kop: 'koperasi',
  usahadagang: 'ud',
};
const SECTOR: Record<string, (typeof SECTORS)[number]> = {
  ...Object.fromEntries(SECTORS.map((sector) => [key(sector), sector])),
  makanan: 'kuliner',
  minuman: 'kuliner',
  makananminuman: 'kuliner',
  makanandanminuman: 'kuliner',
  food: 'kuliner',
  fashion: 'fesyen',
  pakaian: 'fesyen',
  konveksi: 'fesyen',
  kerajinan: 'kriya',
  craft: 'kriya',
  pertanian: 'agribisnis',
  perikanan: 'agribisnis',
  peternakan: 'agribisnis',
  dagang: 'perdagangan',
  toko: 'perdagangan',
  retail: 'perdagangan',
  services: 'jasa',
  service: 'jasa',
  manufaktur: 'industri_pengolahan',
  industri: 'industri_pengolahan',
  digital: 'kreatif_digital',
  kreatif: 'kreatif_digital',
  kecantikan: 'kesehatan_kecantikan',
  kesehatan: 'kesehatan_kecantikan',
  bengkel: 'otomotif',
  other: 'lainnya',
};

// ---------------------------------------------------------------------------------------------------
// Kecamatan and kelurahan: names (with their case and spelling variants) or codes, to Kemendagri codes.

const placeKey = (text: string) => key(text).replace(/^(kecamatan|kelurahan|kec|kel|desa)/, '');

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min(current + 1, (row[j - 1] ?? 0) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}

export interface PlaceMatch {
  code: string;
  /** The official name when the cell was matched loosely (a spelling variant), for the report. */
  loose?: string;
}

/** The one place whose name the cell names: exactly (after case and spacing), or within 2 edits and unique. */
function matchPlace(
  cell: Cell | undefined,
  places: readonly { code: string; name: string }[],
  what: string,
): Repaired<PlaceMatch> {
  if (cell === undefined || cleanText(cell) === '') return EMPTY;
  const text = cleanText(cell);
  const byCode = places.find(
    (place) => place.code === text || place.code.replaceAll('.', '') === text.replace(/\D/g, ''),
  );
  if (byCode) return ok({ code: byCode.code });
  const wanted = placeKey(text);
  if (wanted.length < 3) return bad(`${what} not recognised.`);
  const exact = places.filter((place) => placeKey(place.name) === wanted);
  if (exact.length === 1 && exact[0]) return ok({ code: exact[0].code });
  const scored = places
    .map((place) => ({ place, score: distance(placeKey(place.name), wanted) }))
    .sort((a, b) => a.score - b.score);
  const [best, second] = scored;
  const limit = wanted.length <= 6 ? 1 : 2;
  if (best && best.score <= limit && (!second || second.score > best.score))
    return ok({ code: best.place.code, loose: best.place.name });
  return bad(
    `${what} not recognised in Kota Bekasi${best && best.score <= limit ? ' (more than one close name)' : ''}.`,
  );
}

const ALL_KELURAHAN = KECAMATAN.flatMap((kecamatan) => kecamatan.kelurahan);

export function matchKecamatan(cell: Cell | undefined) {
  return matchPlace(cell, KECAMATAN, 'Kecamatan');
}

export function matchKelurahan(cell: Cell | undefined, kecamatanCode?: string) {
  const within = KECAMATAN.find((kecamatan) => kecamatan.code === kecamatanCode)?.kelurahan;
  return matchPlace(cell, within ?? ALL_KELURAHAN, 'Kelurahan');
}

// ---------------------------------------------------------------------------------------------------
// A row.

/** NIK holds the date of birth (2-digit year) and gender: the century is the one that makes an adult under 100. */
export function birthFromNik(
  nik: string,
  today = new Date(),
): { dateOfBirth?: string; gender: 'female' | 'male' } {
  const encodedDay = Number(nik.slice(6, 8));
  const gender = encodedDay > 40 ? 'female' : 'male';
  const day = encodedDay > 40 ? encodedDay - 40 : encodedDay;
  const month = Number(nik.slice(8, 10));
  const year = Number(nik.slice(10, 12));
  const candidates = [1900, 2000]
    .map((century) => isoOf(century + year, month, day))
    .filter((date): date is string => {
      if (!date) return false;
      const age = (today.getTime() - Date.parse(date)) / (365.25 * 86_400_000);
      return age >= 17 && age < 100;
    });
  return candidates.length === 1 ? { dateOfBirth: candidates[0], gender } : { gender };
}

export type RowOutcome =
  | { kind: 'valid'; business: Business & { source: BusinessSource }; notes: string[] }
  | { kind: 'rejected'; reasons: string[] };

/**
 * One row to an imported business, checked by the registration's own schema (`BusinessFields`) and size
 * rule, or the reasons it is rejected. `notes` name the repairs a reviewer may want to see (loose place
 * matches, values derived from the NIK). Never throws.
 */
export function repairRow(row: Row, source: BusinessSource, importedBy: string, now: string): RowOutcome {
  try {
    return repairRowUnsafe(row, source, importedBy, now);
  } catch {
    return { kind: 'rejected', reasons: ['The row could not be read.'] };
  }
}

function repairRowUnsafe(row: Row, source: BusinessSource, importedBy: string, now: string): RowOutcome {
  const reasons: string[] = [];
  const notes: string[] = [];
  const take = <T>(field: string, repaired: Repaired<T>, required = true): T | undefined => {
    if ('value' in repaired) return repaired.value;
    if ('problem' in repaired) reasons.push(`${field}: ${repaired.problem}`);
    else if (required) reasons.push(`${field}: empty.`);
    return undefined;
  };
  const text = (cell: Cell | undefined) => (cleanText(cell) === '' ? undefined : cleanText(cell));
  /** A cell with something in it (a blank owner's RT falls back to the business's). */
  const filled = (cell: Cell | undefined) => (cleanText(cell) === '' ? undefined : cell);

  const nik = take('NIK', repairNik(row.nik));
  const derived = nik ? birthFromNik(nik, new Date(now)) : undefined;
  let gender = take('Jenis Kelamin', fromList(row.gender, GENDERS, 'Gender'), false);
  if (!gender && derived) {
    gender = derived.gender;
    notes.push('gender taken from the NIK');
  }
  let dateOfBirth = take('Tanggal Lahir', repairDate(row.dateOfBirth), false);
  if (!dateOfBirth && derived?.dateOfBirth) {
    dateOfBirth = derived.dateOfBirth;
    notes.push('date of birth taken from the NIK');
  }
  const kecamatan = take('Kecamatan', matchKecamatan(row.kecamatan));
  const kelurahan = take('Kelurahan', matchKelurahan(row.kelurahan, kecamatan?.code));
  const ownerKelurahan = take('Kelurahan Pemilik', matchKelurahan(row.ownerKelurahan), false) ?? kelurahan;
  for (const [what, match] of [
    ['kecamatan', kecamatan],
    ['kelurahan', kelurahan],
  ] as const)
    if (match?.loose) notes.push(`${what} matched loosely: ${match.loose}`);
  const offline = take('Jualan Offline', fromList(row.offline, YES_NO, 'Offline sales (ya/tidak)'));
  const nib = take('NIB', repairNib(row.nib), false);
  const npwp = take('NPWP', repairNpwp(row.npwp), false);

  const candidate = {
    owner: {
      fullName: text(row.ownerName),
      nik,
      gender,
      dateOfBirth,
      mobile: take('No. HP', repairMobile(row.mobile)),
      email: text(row.email)?.toLowerCase(),
      address: {
        kelurahan: ownerKelurahan?.code,
        rt: take('RT Pemilik', repairWhole(filled(row.ownerRt) ?? row.rt, 'RT'))?.toString(),
        rw: take('RW Pemilik', repairWhole(filled(row.ownerRw) ?? row.rw, 'RW'))?.toString(),
        street: text(row.ownerStreet) ?? text(row.street),
      },
    },
    name: text(row.name),
    legalForm: take('Bentuk Usaha', fromList(row.legalForm, LEGAL, 'Legal form')),
    ...(nib ? { nib } : {}),
    ...(npwp ? { npwp } : {}),
    kbli: take('KBLI', repairKbli(row.kbli)),
    sector: take('Sektor', fromList(row.sector, SECTOR, 'Sector')),
    yearStarted: take('Tahun Berdiri', repairWhole(row.yearStarted, 'Year started')),
    address: {
      kecamatan: kecamatan?.code,
      kelurahan: kelurahan?.code,
      rt: take('RT', repairWhole(row.rt, 'RT'))?.toString(),
      rw: take('RW', repairWhole(row.rw, 'RW'))?.toString(),
      street: text(row.street),
    },
    workers: take('Jumlah Tenaga Kerja', repairWhole(row.workers, 'Workers')),
    capital: take('Modal Usaha', repairRupiah(row.capital)),
    annualSales: take('Omzet per Tahun', repairRupiah(row.annualSales)),
    products: [],
    salesChannels: { offline: offline === undefined ? undefined : offline === 'true' },
    certifications: [],
  };
  if (reasons.length > 0) return { kind: 'rejected', reasons };
  // Optional for imported records only (registration requires one): such owners claim by letter.
  if (!candidate.owner.email) notes.push('no email: the owner can claim the record by letter only');
  const parsed = BusinessFields.safeParse(candidate);
  if (!parsed.success)
    return {
      kind: 'rejected',
      reasons: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'row'}: ${issue.message}`),
    };
  try {
    return { kind: 'valid', business: newImportedBusiness(parsed.data, source, importedBy, now), notes };
  } catch (error) {
    if (error instanceof HttpProblem)
      return { kind: 'rejected', reasons: ['Above the menengah limits of PP 7/2021: not a UMKM.'] };
    throw error;
  }
}
