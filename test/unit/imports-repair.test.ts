import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IMPORT_FIELDS, mapHeaders } from '../../functions/imports/columns.ts';
import { detectDelimiter } from '../../functions/imports/parse.ts';
import {
  matchKelurahan,
  repairDate,
  repairMobile,
  repairNib,
  repairNik,
  repairRow,
  repairRupiah,
} from '../../functions/imports/repair.ts';

const source = { kind: 'import' as const, importId: '01JB0000000000000000000000', row: 1 };

describe('import repair rules', () => {
  it('never imports a damaged NIK', () => {
    expect(repairNik(3275014501900000)).toHaveProperty('problem');
    expect(repairNik('3.27501E+15')).toHaveProperty('problem');
    expect(repairNik('327501450190000')).toHaveProperty('problem');
    expect(repairNik("'3275 0145 0190 0001")).toEqual({ value: '3275014501900001' });
  });

  it('repairs what is unambiguous: lost leading zeros of number cells, dates, phones, rupiah', () => {
    expect(repairNib(123456789012)).toEqual({ value: '0123456789012' });
    expect(repairNib('123456789012')).toHaveProperty('problem');
    expect(repairDate(31000)).toEqual({ value: '1984-11-14' });
    expect(repairDate('17/08/1985')).toEqual({ value: '1985-08-17' });
    expect(repairDate('08/17/1985')).toHaveProperty('problem');
    expect(repairMobile(81234567890)).toEqual({ value: '081234567890' });
    expect(repairRupiah('Rp 1.500.000,00')).toEqual({ value: 1_500_000 });
    expect(repairRupiah('1,5 juta')).toHaveProperty('problem');
    expect(matchKelurahan('MARGGAHAYU')).toEqual({ value: { code: '32.75.01.1002', loose: 'Margahayu' } });
  });

  it('maps Indonesian and English headers regardless of case, punctuation and NBSP', () => {
    expect(mapHeaders(['Nama\u00A0Usaha', 'no. HP', 'Business Name', 'x']).columns).toEqual([
      'name',
      'mobile',
      undefined,
      undefined,
    ]);
    expect(detectDelimiter('"a;b",c,d')).toBe(',');
    expect(detectDelimiter('NIK;Nama Usaha;"x,y"')).toBe(';');
  });

  it('turns any row, however broken, into a valid business or reasons, never an exception', () => {
    const cell = fc.oneof(
      fc.string(),
      fc.double(),
      fc.integer(),
      fc.constant(''),
      fc.constant('3.27501E+15'),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...IMPORT_FIELDS), cell), (row) => {
        const outcome = repairRow(row, source, 'operator', '2026-12-01T00:00:00.000Z');
        if (outcome.kind === 'rejected') expect(outcome.reasons.length).toBeGreaterThan(0);
        else expect(outcome.business.ownerSub).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });
});
