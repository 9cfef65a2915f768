/**
 * The import file's columns: each field an import understands, the headers (Indonesian and English, as
 * Dinas spreadsheets write them) that name it, and the template's header. Headers match after
 * `headerKey` (case, punctuation, non-breaking and repeated spaces ignored).
 */
export const IMPORT_COLUMNS = {
  name: { template: 'Nama Usaha', aliases: ['nama usaha', 'business name', 'nama umkm', 'nama toko'] },
  legalForm: { template: 'Bentuk Usaha', aliases: ['bentuk usaha', 'badan usaha', 'legal form'] },
  nib: { template: 'NIB', aliases: ['nib', 'nomor induk berusaha'] },
  npwp: { template: 'NPWP', aliases: ['npwp'] },
  kbli: { template: 'KBLI', aliases: ['kbli', 'kode kbli'] },
  sector: { template: 'Sektor', aliases: ['sektor', 'sector', 'bidang usaha'] },
  yearStarted: { template: 'Tahun Berdiri', aliases: ['tahun berdiri', 'tahun mulai usaha', 'year started'] },
  street: { template: 'Alamat Usaha', aliases: ['alamat usaha', 'alamat', 'business address', 'address'] },
  rt: { template: 'RT', aliases: ['rt', 'rt usaha'] },
  rw: { template: 'RW', aliases: ['rw', 'rw usaha'] },
  kecamatan: { template: 'Kecamatan', aliases: ['kecamatan', 'kec', 'district'] },
  kelurahan: { template: 'Kelurahan', aliases: ['kelurahan', 'kel', 'desa kelurahan', 'village'] },
  workers: {
    template: 'Jumlah Tenaga Kerja',
    aliases: ['jumlah tenaga kerja', 'tenaga kerja', 'jumlah karyawan', 'workers', 'employees'],
  },
  capital: { template: 'Modal Usaha', aliases: ['modal usaha', 'modal', 'capital'] },
  annualSales: {
    template: 'Omzet per Tahun',
    aliases: ['omzet per tahun', 'omzet tahunan', 'omzet', 'omset', 'annual sales'],
  },
  offline: {
    template: 'Jualan Offline',
    aliases: ['jualan offline', 'penjualan offline', 'toko fisik', 'offline sales'],
  },
  ownerName: { template: 'Nama Pemilik', aliases: ['nama pemilik', 'pemilik', 'owner name', 'owner'] },
  nik: { template: 'NIK', aliases: ['nik', 'nik pemilik', 'no ktp', 'nomor ktp'] },
  gender: { template: 'Jenis Kelamin', aliases: ['jenis kelamin', 'jk', 'l p', 'gender', 'sex'] },
  dateOfBirth: { template: 'Tanggal Lahir', aliases: ['tanggal lahir', 'tgl lahir', 'date of birth'] },
  mobile: {
    template: 'No. HP',
    aliases: ['no hp', 'nomor hp', 'hp', 'no telp', 'telepon', 'no wa', 'whatsapp', 'phone', 'mobile'],
  },
  email: { template: 'Email', aliases: ['email', 'e mail', 'surel'] },
  ownerStreet: { template: 'Alamat Pemilik', aliases: ['alamat pemilik', 'owner address'] },
  ownerRt: { template: 'RT Pemilik', aliases: ['rt pemilik', 'owner rt'] },
  ownerRw: { template: 'RW Pemilik', aliases: ['rw pemilik', 'owner rw'] },
  ownerKelurahan: { template: 'Kelurahan Pemilik', aliases: ['kelurahan pemilik', 'owner kelurahan'] },
} as const;

export type ImportField = keyof typeof IMPORT_COLUMNS;
export const IMPORT_FIELDS = Object.keys(IMPORT_COLUMNS) as ImportField[];

/** A row as read from the file: the text of each mapped cell (absent when the file has no such column). */
export type RawRow = Partial<Record<ImportField, string>>;

/** A header as compared: lower case, anything but letters and digits one space, NBSP included. */
export const headerKey = (header: string) =>
  header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

const byAlias = new Map<string, ImportField>(
  IMPORT_FIELDS.flatMap((field) =>
    [IMPORT_COLUMNS[field].template, ...IMPORT_COLUMNS[field].aliases].map(
      (alias) => [headerKey(alias), field] as const,
    ),
  ),
);

/**
 * Which field each column holds: an explicit mapping (header → field) first, then the known headers.
 * Unknown columns are ignored (and reported); two columns for one field keep the first.
 */
export function mapHeaders(
  headers: readonly string[],
  explicit: Partial<Record<string, ImportField>> = {},
): { columns: (ImportField | undefined)[]; ignored: string[] } {
  const explicitByKey = new Map(
    Object.entries(explicit).map(([header, field]) => [headerKey(header), field]),
  );
  const taken = new Set<ImportField>();
  const ignored: string[] = [];
  const columns = headers.map((header) => {
    const key = headerKey(header);
    const field = explicitByKey.get(key) ?? byAlias.get(key);
    if (!field || taken.has(field)) {
      if (key !== '') ignored.push(header.slice(0, 60));
      return undefined;
    }
    taken.add(field);
    return field;
  });
  return { columns, ignored };
}

/** The template's header row, in column order. */
export const templateHeaders = () => IMPORT_FIELDS.map((field) => IMPORT_COLUMNS[field].template);
