import { newId } from '../../functions/shared/ids.ts';
import { itemOf, newEventRecord, revise } from '../../functions/events/model.ts';
import type { EventInput } from '../../functions/events/schemas.ts';

type Demo = [
  daysFromNow: number,
  days: number,
  status: 'draft' | 'published' | 'cancelled',
  input: Omit<EventInput, 'start' | 'end' | 'organiser'> & { organiser?: string },
];

const DINAS = 'Dinas Koperasi dan UKM Kota Bekasi';

/** A dozen events across the kecamatan, two in the past, most upcoming, one draft and one cancelled. */
const DEMO: Demo[] = [
  [
    -20,
    3,
    'published',
    {
      title: 'Pameran Produk Unggulan UMKM Bekasi 2025',
      type: 'pameran',
      description: 'Pameran produk unggulan UMKM binaan: kuliner, batik, kriya dan fesyen.',
      venue: {
        name: 'Summarecon Mall Bekasi',
        address: 'Jl. Boulevard Ahmad Yani, Marga Mulya',
        kecamatan: '32.75.03',
      },
      needs: ['pasar', 'gerai'],
      tags: ['kuliner', 'fesyen'],
    },
  ],
  [
    -5,
    1,
    'published',
    {
      title: 'Pelatihan Foto Produk dengan Ponsel',
      type: 'pelatihan',
      description: 'Belajar memotret produk untuk katalog daring hanya dengan ponsel.',
      venue: {
        name: 'Aula Kantor Kecamatan Rawalumbu',
        address: 'Jl. Narogong Raya, Bojong Rawalumbu',
        kecamatan: '32.75.05',
      },
      quota: 40,
      needs: ['pelatihan', 'pemasaran_online'],
    },
  ],
  [
    3,
    1,
    'published',
    {
      title: 'Sosialisasi Sertifikasi Halal Gratis (SEHATI)',
      type: 'sosialisasi',
      description: 'Sosialisasi program sertifikasi halal gratis untuk usaha mikro makanan dan minuman.',
      venue: {
        name: 'Gedung Swatantra Wibawa Mukti',
        address: 'Jl. Ahmad Yani No. 1, Marga Jaya',
        kecamatan: '32.75.04',
      },
      needs: ['sertifikasi'],
      tags: ['halal'],
      registration: { url: 'https://umkm.bekasikota.go.id/daftar/sehati' },
    },
  ],
  [
    7,
    2,
    'published',
    {
      title: 'Bazar Kuliner Akhir Pekan Jatiasih',
      type: 'bazar',
      description: 'Bazar kuliner UMKM Jatiasih dengan 40 tenant makanan dan minuman.',
      venue: { name: 'Lapangan Kelurahan Jatiasih', address: 'Jl. Raya Jatiasih', kecamatan: '32.75.09' },
      fee: 150000,
      quota: 40,
      needs: ['pasar', 'gerai'],
      tags: ['kuliner'],
    },
  ],
  [
    10,
    1,
    'published',
    {
      title: 'Webinar Pemasaran di Marketplace',
      type: 'workshop',
      description: 'Strategi berjualan di marketplace dan media sosial untuk usaha mikro.',
      onlineUrl: 'https://zoom.us/j/1234567890',
      needs: ['pemasaran_online'],
    },
  ],
  [
    14,
    1,
    'published',
    {
      title: 'Temu Bisnis UMKM dengan Ritel Modern',
      type: 'temu_bisnis',
      description: 'Pertemuan UMKM dengan pembeli dari jaringan ritel modern dan hotel di Bekasi.',
      venue: {
        name: 'Hotel Horison Bekasi',
        address: 'Jl. KH. Noer Ali, Pekayon Jaya',
        kecamatan: '32.75.04',
      },
      needs: ['pasar'],
      eligibility: 'UMKM dengan NIB dan sertifikat P-IRT.',
    },
  ],
  [
    18,
    2,
    'published',
    {
      title: 'Kurasi Produk untuk Gerai Oleh-oleh Bekasi',
      type: 'kurasi_produk',
      description: 'Kurasi produk UMKM yang akan dipajang di gerai oleh-oleh khas Bekasi.',
      venue: {
        name: 'Gedung Juang 45 Tambun',
        address: 'Jl. Sultan Hasanudin, Bekasi Timur',
        kecamatan: '32.75.01',
      },
      needs: ['gerai', 'pasar'],
    },
  ],
  [
    21,
    1,
    'cancelled',
    {
      title: 'Pelatihan Pembukuan Sederhana',
      type: 'pelatihan',
      description: 'Pencatatan keuangan usaha dengan aplikasi gratis.',
      venue: { name: 'Aula Kecamatan Mustikajaya', address: 'Jl. Mustikajaya Raya', kecamatan: '32.75.11' },
      needs: ['pelatihan', 'pembiayaan'],
    },
  ],
  [
    28,
    1,
    'published',
    {
      title: 'Klinik Akses Pembiayaan KUR',
      type: 'pendampingan',
      description: 'Pendampingan pengajuan Kredit Usaha Rakyat bersama bank penyalur.',
      venue: {
        name: 'Mal Pelayanan Publik Kota Bekasi',
        address: 'Jl. Ir. H. Juanda, Margahayu',
        kecamatan: '32.75.01',
      },
      needs: ['pembiayaan'],
    },
  ],
  [
    35,
    3,
    'published',
    {
      title: 'Festival UMKM Pondokgede',
      type: 'festival',
      description: 'Festival produk lokal, musik dan lomba kreasi kuliner khas Betawi-Bekasi.',
      venue: { name: 'Lapangan Jatiwaringin', address: 'Jl. Raya Jatiwaringin', kecamatan: '32.75.08' },
      needs: ['pasar'],
      tags: ['festival', 'kuliner'],
    },
  ],
  [
    45,
    1,
    'published',
    {
      title: 'Lomba Desain Kemasan Produk UMKM',
      type: 'lomba',
      description: 'Lomba desain kemasan untuk produk makanan ringan UMKM Kota Bekasi.',
      venue: { name: 'Bekasi Creative Hub', address: 'Jl. Chairil Anwar, Margahayu', kecamatan: '32.75.01' },
      needs: ['pemasaran_online'],
      fee: 0,
    },
  ],
  [
    60,
    1,
    'draft',
    {
      title: 'Pelatihan Standar Produk SNI',
      type: 'sertifikasi',
      description: 'Persiapan sertifikasi SNI untuk produk kriya dan fesyen.',
      venue: { name: 'Aula Kecamatan Medansatria', address: 'Jl. Medan Satria Raya', kecamatan: '32.75.06' },
      needs: ['sertifikasi'],
    },
  ],
];

const wibDay = (now: Date, daysFromNow: number) =>
  new Date(now.getTime() + 7 * 3600_000 + daysFromNow * 86_400_000).toISOString().slice(0, 10);

/** Demo events relative to `now`, as table items. */
export function demoEvents(now: Date) {
  const created = now.toISOString();
  return DEMO.map(([daysFromNow, days, status, input]) => {
    let record = newEventRecord(
      {
        organiser: DINAS,
        ...input,
        start: `${wibDay(now, daysFromNow)}T09:00:00+07:00`,
        end: `${wibDay(now, daysFromNow + days - 1)}T16:00:00+07:00`,
      },
      newId(),
      created,
      'seed',
    );
    if (status !== 'draft') record = revise(record, { status: 'published', publishedAt: created }, created);
    if (status === 'cancelled')
      record = revise(
        record,
        { status, cancellation: { reason: 'Tempat tidak tersedia.', at: created } },
        created,
      );
    return itemOf(record);
  });
}
