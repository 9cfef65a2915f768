import { describe, expect, it } from 'vitest';
import {
  classifySize,
  maskNik,
  nikProblems,
  normaliseMobile,
  normaliseNpwp,
} from '../../functions/businesses/rules.ts';
import { normaliseEmail } from '../../functions/shared/validation.ts';
import { nikFor } from '../helpers/businesses.ts';

const M = 1_000_000_000;

describe('size class (PP 7/2021 Pasal 35)', () => {
  const byCapital = (capital: number) => classifySize({ capital, annualSales: 0, yearStarted: 2023 });
  const bySales = (annualSales: number) => classifySize({ capital: 0, annualSales, yearStarted: 2015 });

  it('classes by capital at its boundaries', () => {
    expect(byCapital(0)?.class).toBe('mikro');
    expect(byCapital(1 * M)?.class).toBe('mikro');
    expect(byCapital(1 * M + 1)?.class).toBe('kecil');
    expect(byCapital(5 * M)?.class).toBe('kecil');
    expect(byCapital(5 * M + 1)?.class).toBe('menengah');
    expect(byCapital(10 * M)?.class).toBe('menengah');
    expect(byCapital(10 * M + 1)).toBeUndefined();
  });

  it('classes businesses founded before 2021 by annual sales, at its boundaries', () => {
    expect(bySales(2 * M)).toMatchObject({ class: 'mikro', rule: 'annualSales' });
    expect(bySales(2 * M + 1)?.class).toBe('kecil');
    expect(bySales(15 * M)?.class).toBe('kecil');
    expect(bySales(15 * M + 1)?.class).toBe('menengah');
    expect(bySales(50 * M)?.class).toBe('menengah');
    expect(bySales(50 * M + 1)).toBeUndefined();
  });

  it('records the rule and its legal basis', () => {
    expect(byCapital(3 * M)).toEqual({
      class: 'kecil',
      rule: 'capital',
      basis: expect.stringContaining('PP 7/2021 Pasal 35') as string,
    });
    expect(classifySize({ capital: 20 * M, annualSales: 1 * M, yearStarted: 2020 })?.class).toBe('mikro');
  });
});

describe('NIK', () => {
  it('accepts a well-formed NIK consistent with birth date and gender', () => {
    expect(nikProblems(nikFor('1988-03-14', 'female'), '1988-03-14', 'female')).toEqual([]);
    expect(nikProblems(nikFor('2001-12-31', 'male'), '2001-12-31', 'male')).toEqual([]);
    expect(nikProblems(nikFor('2000-02-29', 'female'), '2000-02-29', 'female')).toEqual([]);
  });

  it('rejects bad forms', () => {
    for (const nik of [
      '123',
      '32750114038800011',
      '3275011403880000',
      '0075011403880001',
      '3275013203880001',
      '3275011413880001',
      '3275017203880001',
      '3275013102880001',
    ]) {
      expect(nikProblems(nik).length, nik).toBeGreaterThan(0);
    }
  });

  it('finds a NIK that contradicts the date of birth or gender', () => {
    const nik = nikFor('1988-03-14', 'female');
    expect(nikProblems(nik, '1988-03-15', 'female')).toEqual(['The NIK does not match the date of birth.']);
    expect(nikProblems(nik, '1978-03-14', 'female')).toEqual(['The NIK does not match the date of birth.']);
    expect(nikProblems(nik, '1988-03-14', 'male')).toEqual(['The NIK does not match the gender.']);
  });

  it('is masked to its last four digits in lists', () => {
    expect(maskNik('3275015403880123')).toBe('************0123');
  });
});

describe('normalisation', () => {
  it('turns Indonesian mobile numbers into E.164', () => {
    for (const input of [
      '081234567890',
      '0812-3456-7890',
      '62 812 3456 7890',
      '+6281234567890',
      '(0812) 3456.7890',
    ]) {
      expect(normaliseMobile(input), input).toBe('+6281234567890');
    }
    for (const input of ['0212345678', '+6221234567', '08123', 'abc', '+1 812 345 6789']) {
      expect(normaliseMobile(input), input).toBeUndefined();
    }
  });

  it('keeps 16-digit NPWP and pads 15-digit legacy ones', () => {
    expect(normaliseNpwp('01.234.567.8-901.000')).toBe('0012345678901000');
    expect(normaliseNpwp('1234567890123456')).toBe('1234567890123456');
    expect(normaliseNpwp('12345')).toBeUndefined();
  });

  it('lower-cases the whole email address', () => {
    expect(normaliseEmail(' Siti@Example.COM ')).toBe('siti@example.com');
  });
});
