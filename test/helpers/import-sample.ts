import { IMPORT_COLUMNS, IMPORT_FIELDS } from '../../functions/imports/columns.ts';
import { KECAMATAN } from '../../functions/regions/regions.ts';

/**
 * A sample import file with the damage real Dinas spreadsheets carry, from a seeded generator (fake
 * people, NIKs that are well-formed and match their birth date and gender, Kota Bekasi places). Every
 * `damageEvery`-th row carries one kind of damage, in turn: a NIK in scientific notation (rejected), a
 * 15-digit NIK (rejected), a date as dd/mm/yyyy, a phone as 62…/+62 with spaces and dashes, NBSP and
 * stray spaces, a kecamatan in capitals, a kelurahan misspelt, money as "Rp 1.500.000", a KBLI that lost
 * its leading zero, an empty business name (rejected), no email (imported: the owner claims by letter).
 */
export const DAMAGE = [
  'nik-scientific',
  'nik-15-digits',
  'date-ddmmyyyy',
  'phone-62-dashes',
  'nbsp-spaces',
  'kecamatan-caps',
  'kelurahan-misspelt',
  'money-rupiah-text',
  'kbli-lost-zero',
  'name-empty',
  'email-missing',
] as const;
export const REJECTING_DAMAGE = new Set(['nik-scientific', 'nik-15-digits', 'name-empty']);

const FIRST = [
  'Siti',
  'Budi',
  'Dewi',
  'Agus',
  'Rina',
  'Eko',
  'Sri',
  'Joko',
  'Wati',
  'Andi',
  'Yuni',
  'Hendra',
];
const LAST = ['Rahayu', 'Santoso', 'Lestari', 'Wijaya', 'Hidayat', 'Kusuma', 'Putri', 'Saputra', 'Nugroho'];
const GOODS = ['Keripik', 'Batik', 'Kopi', 'Sambal', 'Rajutan', 'Kue', 'Tas', 'Madu', 'Jamu', 'Sepatu'];

function random(seed: number) {
  let state = seed >>> 0 || 1;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export interface SampleRow {
  values: Record<(typeof IMPORT_FIELDS)[number], string>;
  damage?: (typeof DAMAGE)[number];
}

export function sampleRows(
  count: number,
  options: { seed?: number; damageEvery?: number; start?: number } = {},
) {
  const next = random(options.seed ?? 7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  const rows: SampleRow[] = [];
  for (let index = 0; index < count; index++) {
    const n = (options.start ?? 0) + index;
    const kecamatan = pick(KECAMATAN);
    const kelurahan = pick(kecamatan.kelurahan);
    const female = next() < 0.5;
    const day = 1 + Math.floor(next() * 28);
    const month = 1 + Math.floor(next() * 12);
    const year = 1960 + Math.floor(next() * 40);
    const nik =
      `3275${kecamatan.code.slice(-2)}` +
      `${String(female ? day + 40 : day).padStart(2, '0')}${String(month).padStart(2, '0')}${String(year % 100).padStart(2, '0')}` +
      String(1 + (n % 9999)).padStart(4, '0');
    const owner = `${pick(FIRST)} ${pick(LAST)}`;
    const values: SampleRow['values'] = {
      name: `${pick(GOODS)} ${owner.split(' ')[0]} ${n}`,
      legalForm: pick(['Perorangan', 'UD', 'CV']),
      nib: next() < 0.5 ? String(9_120_000_000_000 + n) : '',
      npwp: '',
      kbli: pick(['10792', '47111', '13134', '56103']),
      sector: pick(['Kuliner', 'Fesyen', 'Kriya', 'Perdagangan']),
      yearStarted: String(2010 + Math.floor(next() * 14)),
      street: `Jl. Melati No. ${1 + (n % 200)}`,
      rt: String(1 + (n % 12)),
      rw: String(1 + (n % 9)),
      kecamatan: kecamatan.name,
      kelurahan: kelurahan.name,
      workers: String(1 + Math.floor(next() * 9)),
      capital: String(5_000_000 + Math.floor(next() * 90) * 1_000_000),
      annualSales: String(20_000_000 + Math.floor(next() * 300) * 1_000_000),
      offline: pick(['ya', 'Ya', 'tidak']),
      ownerName: owner,
      nik,
      gender: female ? 'P' : 'L',
      dateOfBirth: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      mobile: `08${String(1_100_000_000 + n).slice(0, 10)}`,
      email: `pemilik${n}@contoh.id`,
      ownerStreet: `Jl. Kenanga No. ${1 + (n % 50)}`,
      ownerRt: '',
      ownerRw: '',
      ownerKelurahan: '',
    };
    const every = options.damageEvery ?? 0;
    let damage: SampleRow['damage'];
    if (every > 0 && n % every === every - 1) {
      damage = DAMAGE[Math.floor(n / every) % DAMAGE.length];
      if (damage === 'nik-scientific') values.nik = `${nik.slice(0, 1)},${nik.slice(1, 6)}E+15`;
      if (damage === 'nik-15-digits') values.nik = nik.slice(0, 15);
      if (damage === 'date-ddmmyyyy')
        values.dateOfBirth = `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
      if (damage === 'phone-62-dashes')
        values.mobile = `+62 ${values.mobile.slice(1, 4)}-${values.mobile.slice(4, 8)}-${values.mobile.slice(8)}`;
      if (damage === 'nbsp-spaces') values.ownerName = `\u00A0 ${owner.replace(' ', '\u00A0\u00A0')}  `;
      if (damage === 'kecamatan-caps') values.kecamatan = `KEC. ${kecamatan.name.toUpperCase()}`;
      if (damage === 'kelurahan-misspelt') values.kelurahan = misspell(kelurahan.name);
      if (damage === 'money-rupiah-text')
        values.capital = `Rp ${Number(values.capital).toLocaleString('id-ID')}`;
      if (damage === 'kbli-lost-zero') values.kbli = '1079';
      if (damage === 'name-empty') values.name = ' ';
      if (damage === 'email-missing') values.email = '';
    }
    rows.push({ values, ...(damage ? { damage } : {}) });
  }
  return rows;
}

/** One letter doubled in the middle of a name (`Margahayu` → `Marggahayu`): a spelling variant. */
const misspell = (name: string) => {
  const at = Math.floor(name.length / 2);
  return `${name.slice(0, at)}${name.charAt(at)}${name.slice(at)}`;
};

/** The rows as an Indonesian-Excel CSV: `;`-separated, BOM, quoted where needed, CRLF. */
export function sampleCsv(rows: SampleRow[]): string {
  const cell = (value: string) => (/[;"\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const header = IMPORT_FIELDS.map((field) => IMPORT_COLUMNS[field].template).join(';');
  return `\uFEFF${header}\r\n${rows.map((row) => IMPORT_FIELDS.map((field) => cell(row.values[field])).join(';')).join('\r\n')}\r\n`;
}

/** Excel's serial day number of a yyyy-mm-dd date (days since 1899-12-30). */
const excelSerial = (isoDate: string) => Math.round(Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000) + 25_569;

/**
 * The rows as an XLSX workbook (exceljs), damaged the way Excel damages data: figures stored as numbers,
 * a NIK that was typed into a number cell (its 16th digit gone), a birth date as a serial number.
 */
export async function sampleXlsx(rows: SampleRow[]): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date('2026-12-01T00:00:00Z');
  workbook.modified = workbook.created;
  const sheet = workbook.addWorksheet('Data UMKM');
  sheet.addRow(sampleXlsxHeader());
  for (const row of rows) sheet.addRow(sampleXlsxCells(row));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The header row of `sampleXlsx`. */
export const sampleXlsxHeader = () => IMPORT_FIELDS.map((field) => IMPORT_COLUMNS[field].template);

const NUMERIC = new Set(['workers', 'capital', 'annualSales', 'yearStarted']);
/** One row's cells as `sampleXlsx` writes them (for streaming writers of larger samples). */
export function sampleXlsxCells(row: SampleRow): (string | number)[] {
  return IMPORT_FIELDS.map((field) => {
    const value = row.values[field];
    if (field === 'nik' && row.damage === 'nik-scientific') return Number(value.replace(',', '.'));
    if (field === 'dateOfBirth' && row.damage === 'date-ddmmyyyy') {
      const [day, month, year] = value.split('/');
      return excelSerial(`${year}-${month}-${day}`);
    }
    return NUMERIC.has(field) && /^\d+$/.test(value) ? Number(value) : value;
  });
}
