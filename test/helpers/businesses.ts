import { randomInt } from 'node:crypto';
import { PRIVACY_NOTICE_VERSION } from '../../functions/businesses/vocabulary.ts';
import type { RequestBody } from './client.ts';

export type Registration = RequestBody<'registerBusiness'>;

/** A NIK consistent with the date of birth and gender (Kota Bekasi, kecamatan 01). */
export function nikFor(
  dateOfBirth: string,
  gender: 'female' | 'male',
  sequence = randomInt(1, 9999),
): string {
  const [year, month, day] = dateOfBirth.split('-');
  const encodedDay = Number(day) + (gender === 'female' ? 40 : 0);
  return `327501${String(encodedDay).padStart(2, '0')}${month}${(year ?? '').slice(2)}${String(sequence).padStart(4, '0')}`;
}

export const randomNib = () => String(randomInt(1, 10 ** 9)).padStart(13, '7');

/** A random birth date in 1960–1999 (one NIK, one account: test owners must not share NIKs by chance). */
const randomBirthDate = () =>
  new Date(Date.UTC(1960, 0, 1) + randomInt(0, 40 * 365) * 86_400_000).toISOString().slice(0, 10);

/**
 * A valid registration body, under a NIK of its own (checked against the document's schema by the
 * compiler); `overrides` replace top-level fields, and the result's type says whether it still fits.
 */
export function registration(): Registration;
export function registration<Overrides extends object>(
  overrides: Overrides,
): Omit<Registration, keyof Overrides> & Overrides;
export function registration(overrides: object = {}) {
  const dateOfBirth = randomBirthDate();
  const valid: Registration = {
    owner: {
      fullName: 'Siti Rahmawati',
      nik: nikFor(dateOfBirth, 'female'),
      gender: 'female',
      dateOfBirth,
      mobile: '0812-3456-7890',
      email: 'siti@Example.COM',
      address: { kelurahan: '32.75.01.1002', rt: '3', rw: '07', street: 'Jl. Cut Meutia No. 5' },
    },
    name: 'Keripik Tempe Bu Siti',
    legalForm: 'perorangan',
    nib: randomNib(),
    npwp: '01.234.567.8-901.000',
    kbli: ['10794'],
    sector: 'kuliner',
    yearStarted: 2022,
    address: {
      kecamatan: '32.75.01',
      kelurahan: '32.75.01.1002',
      rt: '003',
      rw: '007',
      street: 'Jl. Cut Meutia No. 5',
      coordinates: { lat: -6.245, lng: 107.01 },
    },
    workers: 3,
    capital: 50_000_000,
    annualSales: 240_000_000,
    products: [{ name: 'Keripik tempe original', description: '200 g', priceMin: 15_000, priceMax: 25_000 }],
    salesChannels: {
      offline: true,
      marketplaces: [{ name: 'Tokopedia', url: 'https://www.tokopedia.com/keripikbusiti' }],
      social: [{ platform: 'Instagram', url: 'https://instagram.com/keripikbusiti' }],
    },
    certifications: [
      { type: 'pirt', number: '2063275010123-27', issuedAt: '2023-02-01', expiresAt: '2028-02-01' },
    ],
    consent: { privacyNoticeVersion: PRIVACY_NOTICE_VERSION, accepted: true },
  };
  return { ...valid, ...overrides };
}
