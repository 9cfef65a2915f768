import type { TemplateKey } from './template-keys.ts';
import type { Option, Question } from './vocabulary.ts';

/*
 * The survey the project ships: "Kebutuhan UMKM", Dinas's first question — what do our UMKM need right
 * now? Operators copy it into a draft (POST /survey-templates/kebutuhan-umkm/copy); the local demo data
 * publishes it. Priority needs are tagged with the need vocabulary the events and the digest use.
 */

const option = (key: string, id: string, en: string, need?: Option['need']): Option => ({
  key,
  label: { id, en },
  ...(need ? { need } : {}),
});

const questions: Question[] = [
  {
    key: 'kendala_utama',
    kind: 'multiple_choice',
    label: {
      id: 'Apa kendala utama usaha Anda saat ini?',
      en: 'What are your business’s main obstacles now?',
    },
    help: { id: 'Pilih paling banyak tiga.', en: 'Choose up to three.' },
    required: true,
    maxSelections: 3,
    options: [
      option('modal', 'Modal', 'Capital'),
      option('pasar', 'Pasar / pembeli', 'Market / buyers'),
      option('bahan_baku', 'Bahan baku', 'Raw materials'),
      option('keterampilan', 'Keterampilan', 'Skills'),
      option('perizinan', 'Perizinan', 'Permits'),
      option('kualitas_produk', 'Kualitas produk', 'Product quality'),
      option('kemasan', 'Kemasan', 'Packaging'),
      option('digital', 'Pemasaran digital', 'Digital marketing'),
      option('tempat_usaha', 'Tempat usaha', 'Business premises'),
    ],
  },
  {
    key: 'kebutuhan_prioritas',
    kind: 'multiple_choice',
    label: {
      id: 'Bantuan apa yang paling Anda butuhkan dari Dinas?',
      en: 'Which support do you need most from the Dinas?',
    },
    help: { id: 'Pilih paling banyak dua.', en: 'Choose up to two.' },
    required: true,
    maxSelections: 2,
    options: [
      option('gerai', 'Gerai / tempat berjualan', 'An outlet / place to sell', 'gerai'),
      option('pelatihan', 'Pelatihan', 'Training', 'pelatihan'),
      option(
        'pasar',
        'Akses pasar: pameran, bazar, temu bisnis',
        'Market access: fairs, bazaars, business matching',
        'pasar',
      ),
      option(
        'sertifikasi',
        'Sertifikasi: halal, P-IRT, BPOM, SNI, merek',
        'Certification: halal, P-IRT, BPOM, SNI, trademark',
        'sertifikasi',
      ),
      option('pemasaran_online', 'Pemasaran online', 'Online marketing', 'pemasaran_online'),
      option('pembiayaan', 'Pembiayaan / permodalan', 'Financing', 'pembiayaan'),
    ],
  },
  {
    key: 'topik_pelatihan',
    kind: 'multiple_choice',
    label: { id: 'Topik pelatihan yang Anda minati', en: 'Training topics you are interested in' },
    visibleIf: { question: 'kebutuhan_prioritas', anyOf: ['pelatihan'] },
    required: true,
    maxSelections: 3,
    options: [
      option('pemasaran_digital', 'Pemasaran digital dan media sosial', 'Digital and social media marketing'),
      option('pembukuan', 'Pembukuan dan keuangan usaha', 'Bookkeeping and business finance'),
      option('kemasan', 'Desain kemasan dan merek', 'Packaging and brand design'),
      option('produksi', 'Produksi dan keamanan pangan', 'Production and food safety'),
      option('perizinan', 'Perizinan dan sertifikasi', 'Permits and certification'),
      option('ekspor', 'Persiapan ekspor', 'Export readiness'),
    ],
  },
  {
    key: 'tingkat_urgensi',
    kind: 'scale',
    label: { id: 'Seberapa mendesak kebutuhan tersebut?', en: 'How urgent is that need?' },
    minLabel: { id: 'Bisa menunggu', en: 'Can wait' },
    maxLabel: { id: 'Sangat mendesak', en: 'Very urgent' },
    required: true,
  },
  {
    key: 'catatan',
    kind: 'short_text',
    label: { id: 'Ada hal lain yang ingin Anda sampaikan?', en: 'Anything else you would like to tell us?' },
    maxLength: 280,
  },
];

export const TEMPLATES: Record<TemplateKey, { title: string; description: string; questions: Question[] }> = {
  'kebutuhan-umkm': {
    title: 'Kebutuhan UMKM',
    description:
      'Survei kebutuhan UMKM Kota Bekasi: kendala, kebutuhan prioritas (gerai, pelatihan, pasar, sertifikasi, pemasaran online, pembiayaan) dan tingkat urgensinya.',
    questions,
  },
};
