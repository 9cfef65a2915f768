import { csvLine, type CsvValue } from '../shared/csv.ts';
import type { Business } from './model.ts';
import { legalBasisOf } from './model.ts';
import { maskNik } from './rules.ts';

/*
 * The registry export's rows: what the Dinas keeps in Excel. The NIK is masked and contact details left
 * out unless the operator asks for identity data (each record so read is recorded for its owner). Column
 * headers in Bahasa Indonesia, as the Dinas's spreadsheets have them; cells never start a formula.
 */

export interface ExportColumn {
  header: string;
  value: (business: Business) => CsvValue;
  /** Only with identity data (true), only without (false), or always (absent). */
  identity?: boolean;
}

export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { header: 'ID', value: (b) => b.id },
  { header: 'Nama Usaha', value: (b) => b.name },
  { header: 'Bentuk Usaha', value: (b) => b.legalForm },
  { header: 'NIB', value: (b) => b.nib },
  { header: 'Sektor', value: (b) => b.sector },
  { header: 'Skala Usaha', value: (b) => b.size.class },
  { header: 'Status', value: (b) => b.status },
  { header: 'Kecamatan', value: (b) => b.address.kecamatan },
  { header: 'Kelurahan', value: (b) => b.address.kelurahan },
  { header: 'Nama Pemilik', value: (b) => b.owner.fullName },
  { header: 'NIK', value: (b) => b.owner.nik, identity: true },
  { header: 'NIK', value: (b) => maskNik(b.owner.nik), identity: false },
  { header: 'No. HP', value: (b) => b.owner.mobile, identity: true },
  { header: 'Email', value: (b) => b.owner.email, identity: true },
  { header: 'Sertifikasi', value: (b) => b.certifications.map((c) => `${c.type}:${c.status}`) },
  { header: 'Dasar Hukum', value: (b) => legalBasisOf(b) },
  {
    header: 'Sumber',
    value: (b) => (b.source ? `impor ${b.source.importId} baris ${b.source.row}` : 'pendaftaran'),
  },
  { header: 'Diklaim Pemilik', value: (b) => (b.ownerSub === undefined ? 'belum' : 'ya') },
  { header: 'Dibuat', value: (b) => b.createdAt },
  { header: 'Diubah', value: (b) => b.updatedAt },
];

export const exportColumns = (identity: boolean) =>
  EXPORT_COLUMNS.filter((column) => column.identity === undefined || column.identity === identity);

export const csvHeader = (columns: readonly ExportColumn[]) =>
  csvLine(columns.map((column) => column.header));
export const csvRow = (columns: readonly ExportColumn[], business: Business) =>
  csvLine(columns.map((column) => column.value(business)));

/** A row's cells as the export worker collects them (text or empty), before any file format applies. */
export const exportCells = (columns: readonly ExportColumn[], business: Business): (string | null)[] =>
  columns.map((column) => {
    const value = column.value(business);
    if (value === undefined || value === null) return null;
    if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
    return typeof value === 'string' ? value : value.join(';');
  });
