import { KECAMATAN } from '../../functions/regions/regions.ts';
import { RegisterBusiness } from '../../functions/businesses/registration-schemas.ts';
import { PRIVACY_NOTICE_VERSION, type Sector } from '../../functions/businesses/vocabulary.ts';

/**
 * A few dozen plausible UMKM across Kota Bekasi's kecamatan for the local server: three per kecamatan,
 * owned by `demo-owner-01` … `demo-owner-12` (sign in as one with `npm run token -- --sub demo-owner-01`).
 * Names are invented; NIKs, NIBs and numbers are made up but well-formed.
 */
const TRADES: { name: string; sector: Sector; kbli: string; product: string; price: [number, number] }[] = [
  {
    name: 'Keripik Tempe',
    sector: 'kuliner',
    kbli: '10794',
    product: 'Keripik tempe 250 g',
    price: [15_000, 25_000],
  },
  {
    name: 'Batik Tulis',
    sector: 'fesyen',
    kbli: '13134',
    product: 'Kain batik motif Bekasi',
    price: [250_000, 900_000],
  },
  {
    name: 'Kerajinan Bambu',
    sector: 'kriya',
    kbli: '16299',
    product: 'Anyaman bambu',
    price: [35_000, 150_000],
  },
  {
    name: 'Sambal Roa',
    sector: 'kuliner',
    kbli: '10771',
    product: 'Sambal roa botol 200 ml',
    price: [30_000, 45_000],
  },
  {
    name: 'Bengkel Motor',
    sector: 'otomotif',
    kbli: '45407',
    product: 'Servis berkala',
    price: [50_000, 300_000],
  },
  {
    name: 'Sabun Herbal',
    sector: 'kesehatan_kecantikan',
    kbli: '20232',
    product: 'Sabun sereh 100 g',
    price: [12_000, 20_000],
  },
  {
    name: 'Toko Kelontong',
    sector: 'perdagangan',
    kbli: '47111',
    product: 'Sembako',
    price: [2_000, 150_000],
  },
  {
    name: 'Desain Grafis',
    sector: 'kreatif_digital',
    kbli: '74100',
    product: 'Desain kemasan',
    price: [300_000, 2_000_000],
  },
  {
    name: 'Laundry Kiloan',
    sector: 'jasa',
    kbli: '96200',
    product: 'Cuci setrika per kg',
    price: [7_000, 10_000],
  },
  {
    name: 'Hidroponik Sayur',
    sector: 'agribisnis',
    kbli: '01135',
    product: 'Selada hidroponik',
    price: [10_000, 25_000],
  },
  {
    name: 'Kue Kering',
    sector: 'kuliner',
    kbli: '10710',
    product: 'Nastar toples 500 g',
    price: [85_000, 120_000],
  },
  {
    name: 'Konveksi Seragam',
    sector: 'industri_pengolahan',
    kbli: '14111',
    product: 'Seragam sekolah',
    price: [90_000, 200_000],
  },
];
const OWNERS = [
  'Siti Aminah',
  'Budi Santoso',
  'Dewi Lestari',
  'Agus Salim',
  'Rina Marlina',
  'Joko Widodo',
  'Sri Mulyani',
  'Andi Pratama',
  'Yuni Kartika',
  'Hendra Gunawan',
  'Ratna Sari',
  'Eko Prasetyo',
];
const STATUSES = ['pending', 'verified', 'needs_changes'] as const;

export interface DemoBusiness {
  ownerSub: string;
  input: ReturnType<typeof RegisterBusiness.parse>;
  decision: (typeof STATUSES)[number];
}

export function demoBusinesses(): DemoBusiness[] {
  return KECAMATAN.flatMap((kecamatan, k) =>
    [0, 1, 2].map((slot) => {
      const index = k * 3 + slot;
      const trade = TRADES[index % TRADES.length] ?? TRADES[0]!;
      const ownerName = OWNERS[(k + slot) % OWNERS.length] ?? 'Warga Bekasi';
      const female = (k + slot) % 2 === 0;
      const day = 1 + (index % 28);
      const month = 1 + (index % 12);
      const year = 1965 + (index % 35);
      const dateOfBirth = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const nik = `3275${kecamatan.code.slice(-2)}${String(day + (female ? 40 : 0)).padStart(2, '0')}${String(month).padStart(2, '0')}${String(year).slice(2)}${String(index + 1).padStart(4, '0')}`;
      const kelurahan = kecamatan.kelurahan[slot % kecamatan.kelurahan.length]!;
      const capital = [25_000_000, 400_000_000, 2_500_000_000][slot]!;
      const input = RegisterBusiness.parse({
        owner: {
          fullName: ownerName,
          nik,
          gender: female ? 'female' : 'male',
          dateOfBirth,
          mobile: `0812${String(10_000_000 + index * 7919).slice(0, 8)}`,
          email: `pemilik${index + 1}@example.com`,
          address: {
            kelurahan: kelurahan.code,
            rt: String(1 + (index % 9)),
            rw: String(1 + (index % 5)),
            street: `Jl. Demo No. ${index + 1}`,
          },
        },
        name: `${trade.name} ${ownerName.split(' ')[0] ?? ''}`,
        legalForm: slot === 2 ? 'cv' : 'perorangan',
        nib: String(9_100_000_000_000 + index),
        kbli: [trade.kbli],
        sector: trade.sector,
        yearStarted: 2016 + (index % 9),
        address: {
          kecamatan: kecamatan.code,
          kelurahan: kelurahan.code,
          rt: String(1 + (index % 9)),
          rw: String(1 + (index % 5)),
          street: `Jl. Usaha No. ${index + 1}`,
        },
        workers: 1 + slot * 6,
        capital,
        annualSales: capital * 2,
        products: [{ name: trade.product, priceMin: trade.price[0], priceMax: trade.price[1] }],
        salesChannels: {
          offline: true,
          social: [{ platform: 'Instagram', url: `https://instagram.com/umkm.bekasi.${index + 1}` }],
        },
        certifications:
          trade.sector === 'kuliner'
            ? [{ type: 'halal', number: `ID3275${String(index).padStart(8, '0')}`, issuedAt: '2025-03-01' }]
            : [],
        consent: { privacyNoticeVersion: PRIVACY_NOTICE_VERSION, accepted: true },
      });
      return {
        ownerSub: `demo-owner-${String(k + 1).padStart(2, '0')}`,
        input,
        decision: STATUSES[index % 3]!,
      };
    }),
  );
}
