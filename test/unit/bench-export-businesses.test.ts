import { describe, expect, it } from 'vitest';
import { benchBusiness } from '../../bench/export-businesses.ts';
import { exportVariants } from '../../bench/exports.ts';
import { KECAMATAN } from '../../functions/regions/regions.ts';

/* The export bench's seeded records: built by the product's builders, varied, and the runs it makes. */

describe('export bench businesses', () => {
  const businesses = Array.from({ length: 600 }, (_, n) => benchBusiness(n));

  it('seeds four imported records to one registered, every other registered one verified', () => {
    expect(businesses.filter((b) => b.source?.kind === 'import')).toHaveLength(480);
    const registered = businesses.filter((b) => b.ownerSub !== undefined);
    expect(registered).toHaveLength(120);
    expect(registered.filter((b) => b.status === 'verified')).toHaveLength(60);
    expect(businesses.every((b) => b.legalBasis === (b.ownerSub ? 'consent' : 'public-task'))).toBe(true);
  });

  it('gives every record its own id, NIB and NIK, spread over every kelurahan', () => {
    type Field = (business: (typeof businesses)[number]) => string | undefined;
    const fields: Field[] = [(b) => b.id, (b) => b.nib, (b) => b.owner.nik];
    for (const field of fields) expect(new Set(businesses.map(field)).size).toBe(businesses.length);
    const kelurahan = KECAMATAN.flatMap((kecamatan) => kecamatan.kelurahan.map((k) => k.code));
    expect(new Set(businesses.map((b) => b.address.kelurahan))).toEqual(new Set(kelurahan));
  });

  it('exports CSV and XLSX at each size, and CSV with identity data at the smallest', () => {
    expect(exportVariants([10, 20]).map((v) => `${v.count}:${v.format}:${v.identity}`)).toEqual([
      '10:csv:false',
      '10:xlsx:false',
      '10:csv:true',
      '20:csv:false',
      '20:xlsx:false',
    ]);
  });
});
