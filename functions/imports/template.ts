import { IMPORT_COLUMNS, IMPORT_FIELDS, type ImportField } from './columns.ts';
import { csvCell } from '../shared/csv.ts';

/**
 * The import template: the header row in Indonesian (the columns `columns.ts` understands) and one example
 * row of a fictional business whose NIK matches its owner's birth date and gender (3275 Kota Bekasi, 01
 * Bekasi Timur, 52 = day 12 + 40 for a woman, 08 August, 85 = 1985, 0001), so that the example imports.
 */
export const TEMPLATE_EXAMPLE: Record<ImportField, string> = {
  name: 'Keripik Bu Siti',
  legalForm: 'Perorangan',
  nib: '9120001234567',
  npwp: '',
  kbli: '10792',
  sector: 'Kuliner',
  yearStarted: '2015',
  street: 'Jl. Melati No. 12',
  rt: '3',
  rw: '7',
  kecamatan: 'Bekasi Timur',
  kelurahan: 'Margahayu',
  workers: '3',
  capital: '25000000',
  annualSales: '180000000',
  offline: 'ya',
  ownerName: 'Siti Rahayu',
  nik: '3275015208850001',
  gender: 'P',
  dateOfBirth: '1985-08-12',
  mobile: '081234567890',
  email: 'siti.rahayu@contoh.id',
  ownerStreet: 'Jl. Kenanga No. 4',
  ownerRt: '2',
  ownerRw: '5',
  ownerKelurahan: 'Margahayu',
};

export const templateHeader = () => IMPORT_FIELDS.map((field) => IMPORT_COLUMNS[field].template);
export const templateExample = () => IMPORT_FIELDS.map((field) => TEMPLATE_EXAMPLE[field]);

/**
 * The CSV template as Indonesian Excel opens it: UTF-8 with BOM, `;` between cells (Excel in the
 * Indonesian locale splits on `;`), CRLF. The import reads `;` and `,` alike.
 */
export const templateCsv = () =>
  `\uFEFF${[templateHeader(), templateExample()].map((cells) => cells.map(csvCell).join(';')).join('\r\n')}\r\n`;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
