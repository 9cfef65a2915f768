import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BusinessFields, RegisterBusiness } from '../../functions/businesses/registration-schemas.ts';
import { PRIVACY_NOTICE_VERSION } from '../../functions/businesses/vocabulary.ts';
import { IMPORT_FIELDS } from '../../functions/imports/columns.ts';
import { repairRow, type Cell, type Row } from '../../functions/imports/repair.ts';
import { sampleRows } from '../helpers/import-sample.ts';

const source = { kind: 'import' as const, importId: '01JB0000000000000000000000', row: 7, label: 'Uji' };
const NOW = '2026-12-01T00:00:00.000Z';

/** Cells as spreadsheets damage them, and plain garbage. */
const nikLike = fc.stringMatching(/^3[0-9]{15}$/);
const cell: fc.Arbitrary<Cell> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  // Lone surrogates and other code units no text should hold.
  fc.string({ unit: 'binary' }),
  fc.string({ unit: fc.constantFrom('\uD800', '\uDFFF', '\u00A0', '\u202F', '\u200B', '\uFEFF', 'a', '1') }),
  fc.constantFrom('😀', '🇮🇩 Bekasi', 'Kue 🍰', '\u00A0\u00A0', ' ', '', '-', '=1+1', '@SUM(A1)', 'NaN'),
  fc.double(),
  fc.integer(),
  fc.integer({ min: 1, max: 80_000 }), // Excel serial dates
  fc.integer().map(String), // numbers stored as text
  nikLike.map((nik) => `${nik.charAt(0)},${nik.slice(1, 6)}E+15`), // NIK in scientific notation
  nikLike.map((nik) => `${nik.charAt(0)}.${nik.slice(1, 6)}e15`),
  nikLike.map((nik) => Number(nik)), // NIK as a number: rounded
  nikLike.map((nik) => `${nik}.0`),
  nikLike.map((nik) => nik.slice(0, 15)),
  nikLike.map((nik) => `\u00A0${nik.slice(0, 4)} ${nik.slice(4, 10)} ${nik.slice(10)}\u00A0`),
  fc
    .tuple(
      fc.integer({ min: 1, max: 31 }),
      fc.integer({ min: 1, max: 13 }),
      fc.integer({ min: 1900, max: 2100 }),
    )
    .map(([day, month, year]) => `${day}/${month}/${year}`),
  fc.constantFrom('+62 812-3456-7890', '62 812 3456 7890', '0812.3456.7890', '(021) 884-1234', '8123456789'),
  fc.constantFrom('Rp 1.500.000', '1.500.000,00', '1,500,000', '1,5 juta', '-5000', '1e9'),
  fc.constantFrom('KEC. BEKASI TIMUR', 'bekasi  timur', 'Marggahayu', 'kel. margahayu', 'Jatiasih', 'Jati'),
);

/** A valid sample row with any of its columns replaced by damaged or arbitrary cells. */
const damagedRow: fc.Arbitrary<Row> = fc
  .tuple(fc.integer({ min: 1, max: 10_000 }), fc.dictionary(fc.constantFrom(...IMPORT_FIELDS), cell))
  .map(([seed, overrides]) => {
    const base = sampleRows(1, { seed, start: seed })[0]?.values ?? {};
    return { ...base, ...overrides };
  });
/** Rows of nothing but arbitrary cells, any columns missing. */
const anyRow: fc.Arbitrary<Row> = fc.dictionary(fc.constantFrom(...IMPORT_FIELDS), cell);

/** The declared fields of an accepted record, as the registration schemas take them. */
function declaredFields(business: Record<string, unknown>) {
  const names = Object.keys(BusinessFields.def.shape);
  return {
    ...Object.fromEntries(names.filter((name) => name in business).map((name) => [name, business[name]])),
    certifications: [],
  };
}

describe('repairRow, for any row however broken', () => {
  it('never throws, and an accepted row is a whole record the registration schema accepts (nothing half-written)', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(damagedRow, anyRow), (row) => {
        const outcome = repairRow(row, source, 'operator', NOW);
        if (outcome.kind === 'rejected') {
          expect(outcome.reasons.length).toBeGreaterThan(0);
          // repairRow's last resort hides an exception as this reason: no row may get there.
          expect(outcome.reasons).not.toContain('The row could not be read.');
          for (const reason of outcome.reasons) expect(typeof reason).toBe('string');
          return;
        }
        accepted++;
        const { business } = outcome;
        expect(business.ownerSub).toBeUndefined();
        expect(business).toMatchObject({ legalBasis: 'public-task', source, status: 'pending', version: 1 });
        const fields = declaredFields(business);
        expect(BusinessFields.safeParse(fields).success).toBe(true);
        // With an email (registration requires one) it is a valid registration as it stands.
        if (business.owner.email)
          expect(
            RegisterBusiness.safeParse({
              ...fields,
              consent: { privacyNoticeVersion: PRIVACY_NOTICE_VERSION, accepted: true },
            }).success,
          ).toBe(true);
        // A damaged NIK is never imported: 16 digits, as written in the row.
        expect(business.owner.nik).toMatch(/^\d{16}$/);
        expect(typeof row.nik === 'string' && row.nik.replace(/\D/g, '').includes(business.owner.nik)).toBe(
          true,
        );
      }),
      { numRuns: 1_000 },
    );
    // Damaged rows are often still importable: the property saw accepted rows, not only rejections.
    expect(accepted).toBeGreaterThan(20);
  });

  it('accepts the undamaged sample rows (so that the property above also sees accepted rows)', () => {
    const accepted = sampleRows(200, { seed: 3 }).filter(
      (row) => repairRow(row.values, source, 'operator', NOW).kind === 'valid',
    );
    expect(accepted).toHaveLength(200);
  });
});
