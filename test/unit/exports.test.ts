import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportFormatOf } from '../../functions/businesses/export-view.ts';
import { derivedId, ULID } from '../../functions/shared/ids.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

describe('the export format', () => {
  it('takes `format` over any Accept header', () => {
    expect(exportFormatOf('csv', XLSX)).toBe('csv');
    expect(exportFormatOf('xlsx', 'text/csv')).toBe('xlsx');
  });

  it('follows Accept: XLSX only when it ranks above CSV, CSV otherwise', () => {
    expect(exportFormatOf(undefined, XLSX)).toBe('xlsx');
    expect(exportFormatOf(undefined, `text/csv;q=0.5, ${XLSX}`)).toBe('xlsx');
    expect(exportFormatOf(undefined, `${XLSX};q=0.4, text/csv`)).toBe('csv');
    expect(exportFormatOf(undefined, `${XLSX};q=0`)).toBe('csv');
    expect(exportFormatOf(undefined, '*/*')).toBe('csv');
    expect(exportFormatOf(undefined, undefined)).toBe('csv');
  });

  it('never fails on any Accept header', () => {
    fc.assert(
      fc.property(fc.string(), (accept) => {
        expect(['csv', 'xlsx']).toContain(exportFormatOf(undefined, accept));
      }),
    );
  });
});

describe('derived ids (records an export may write again)', () => {
  it('are ULIDs, the same for the same time and seed, different for another seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 47 }), fc.string(), fc.string(), (time, a, b) => {
        expect(derivedId(time, a)).toMatch(ULID);
        expect(derivedId(time, a)).toBe(derivedId(time, a));
        if (a !== b) expect(derivedId(time, a)).not.toBe(derivedId(time, b));
      }),
    );
  });
});
