import { newBusiness, patchedBusiness } from '../functions/businesses/changes.ts';
import { csvHeader, csvRow, exportColumns } from '../functions/businesses/export-rows.ts';
import type { Business } from '../functions/businesses/model.ts';
import { RegisterBusiness, UpdateBusiness } from '../functions/businesses/registration-schemas.ts';
import { Verification } from '../functions/businesses/schemas.ts';
import { verifiedBusiness } from '../functions/businesses/verification.ts';
import type { ExportJob } from '../functions/businesses/export-model.ts';
import { exportView } from '../functions/businesses/export-view.ts';
import { businessListItem, businessView } from '../functions/businesses/views.ts';
import { icsCalendar } from '../functions/events/ical.ts';
import { newEventRecord, revise, toView, type EventRecord } from '../functions/events/model.ts';
import { EventInput, type EventView } from '../functions/events/schemas.ts';
import { newImportJob, type ImportJob } from '../functions/imports/model.ts';
import { templateCsv } from '../functions/imports/template.ts';
import { toImportView } from '../functions/imports/views.ts';
import { KECAMATAN } from '../functions/regions/regions.ts';
import type { Caller } from '../functions/shared/auth.ts';
import type { AnswersRecord } from '../functions/surveys/answers-store.ts';
import { toCsv } from '../functions/surveys/csv.ts';
import {
  closed,
  newSurvey,
  nextDraft,
  openSurveyView,
  published,
  surveySummary,
} from '../functions/surveys/model.ts';
import { TEMPLATES } from '../functions/surveys/template.ts';

/*
 * An example for every request and response body of the OpenAPI document, by route id. Realistic and
 * valid: a Kota Bekasi owner whose NIK encodes her birth date and gender (women: day + 40), a 13-digit NIB,
 * KBLI 2020 codes, Kemendagri codes from the reference data, WIB event times, ULIDs. Where the product has
 * a pure function that turns input into what the API answers (a registration into its record, a record
 * into its view, events into iCalendar), the example is made by it, so that examples and answers agree.
 * `test/unit/openapi-examples.test.ts` checks each against its schema (Ajv) and each request body against
 * the route's zod schema too.
 */

/**
 * The JSON request body, the JSON success body, non-JSON success bodies by media type, and the JSON bodies
 * of further success answers (`response.others`) by status. A schema's own `examples` (zod meta) serve
 * where a route has no entry here.
 */
export interface RouteExamples {
  request?: unknown;
  response?: unknown;
  text?: Record<string, string>;
  others?: Record<number, unknown>;
}

// Fixed ids and times (ULIDs made at the times they stand for), so the document does not change per run.
const ID = {
  business: '01M6FK0E50WF8HM5XCPGAQZQ40',
  pirt: '01M6FK0F48RX1C02G4HK9BSCQY',
  halal: '01M6FK0F48RX1C02G4HK9BSCQZ',
  imported: '01M6FK0F48RX1C02G4HK9BSCR0',
  importJob: '01M6NACZ40B9XSY9MQFWWWGK4X',
  survey: '01M71PBVW0KBS86XWRAWJVHT1N',
  event: '01M770A3A0Y4D9B1VMB86TTQS6',
  claim: '01M7GZ12G0AH2BF2RGW5VC9ZRT',
  upload: '01M7PYDYK0AY6SG1K6RKRAYBDT',
  subscriber: '01M7VAX680SCZVN6AR77DAXTWF',
  run: '01M8QAZGC00FAHRXK1DJ928NBN',
  export: '01M8QJDHJ0H0BS8R9TGM99X4JW',
};
const AT = {
  registered: '2026-11-03T02:15:00.000Z',
  edited: '2026-11-05T07:40:00.000Z',
  verified: '2026-11-10T03:00:00.000Z',
  surveyCreated: '2026-11-10T03:00:00.000Z',
  surveyPublished: '2026-11-12T01:00:00.000Z',
  eventCreated: '2026-11-12T04:30:00.000Z',
  eventPublished: '2026-11-14T06:00:00.000Z',
  claimed: '2026-11-16T01:20:00.000Z',
  answered: '2026-11-18T09:05:00.000Z',
  posterUploaded: '2026-11-18T09:10:00.000Z',
  digest: '2026-11-30T23:00:00.000Z',
};
const owner: Caller = { sub: 'c4a9e6f2-7b1d-4e8a-9f3c-2d5b8a1e6f40', isOperator: false };
const operator: Caller = { sub: '7d2e91b0-5c3a-4f6e-8b1d-9a0c3e5f7b22', isOperator: true };

// --- Businesses -------------------------------------------------------------------------------------

/**
 * Sri Wahyuningsih, born 14 March 1985, a woman: her NIK's digits 7–12 are 54 03 85 (day 14 + 40). Her
 * KTP was issued in Bekasi Utara (32.75.03), where she lives in Harapanjaya (32.75.03.1006).
 */
const registration = {
  owner: {
    fullName: 'Sri Wahyuningsih',
    nik: '3275035403850002',
    gender: 'female',
    dateOfBirth: '1985-03-14',
    mobile: '0812-3456-7890',
    email: 'sri.wahyuningsih@example.co.id',
    address: { kelurahan: '32.75.03.1006', rt: '4', rw: '12', street: 'Jl. Harapan Jaya Raya No. 27' },
  },
  name: 'Roti Bu Sri',
  legalForm: 'perorangan',
  nib: '9120008231457',
  npwp: '01.234.567.8-432.000',
  kbli: ['10710', '47241'],
  sector: 'kuliner',
  yearStarted: 2019,
  address: {
    kecamatan: '32.75.03',
    kelurahan: '32.75.03.1006',
    rt: '4',
    rw: '12',
    street: 'Jl. Harapan Jaya Raya No. 27 (samping Masjid Al-Ikhlas)',
    coordinates: { lat: -6.1987, lng: 107.0123 },
  },
  workers: 4,
  capital: 85_000_000,
  annualSales: 420_000_000,
  products: [
    {
      name: 'Roti sobek cokelat',
      description: 'Roti sobek isi cokelat, 10 potong per loyang.',
      priceMin: 25_000,
      priceMax: 35_000,
    },
    { name: 'Bolu pandan', priceMin: 40_000, priceMax: 65_000 },
  ],
  salesChannels: {
    offline: true,
    marketplaces: [{ name: 'Tokopedia', url: 'https://www.tokopedia.com/rotibusri' }],
    social: [{ platform: 'Instagram', url: 'https://www.instagram.com/rotibusri.bekasi' }],
  },
  certifications: [
    { type: 'pirt', number: '2063275030123-29', issuedAt: '2024-02-12', expiresAt: '2029-02-12' },
    { type: 'halal', number: 'ID32110012345670224', issuedAt: '2024-05-20' },
  ],
  consent: { privacyNoticeVersion: '2026-11', accepted: true },
};

const withIds = (business: Business, id: string, certificationIds: string[]): Business => ({
  ...business,
  id,
  certifications: business.certifications.map((certification, index) => ({
    ...certification,
    id: certificationIds[index] ?? certification.id,
  })),
});

const registered = withIds(
  newBusiness(RegisterBusiness.parse(registration), owner, AT.registered),
  ID.business,
  [ID.pirt, ID.halal],
);

const update = {
  workers: 5,
  products: [...registration.products, { name: 'Kue nastar', priceMin: 85_000, priceMax: 120_000 }],
};
const edited = patchedBusiness(registered, UpdateBusiness.parse(update), owner, AT.edited);

const verification = {
  decision: 'verified',
  note: 'Data lengkap; NIB cocok dengan OSS.',
  certifications: [
    { id: ID.pirt, decision: 'verified' },
    { id: ID.halal, decision: 'verified' },
  ],
};
const verified = verifiedBusiness(edited, Verification.parse(verification), operator, AT.verified);

/**
 * Ahmad Fauzi, born 7 August 1990, a man (day 07 as is), from the Dinas's import of its 2025 list, row 42:
 * his record has no owner until he claims it.
 */
const importedInput = {
  ...registration,
  owner: {
    fullName: 'Ahmad Fauzi',
    nik: '3275010708900011',
    gender: 'male',
    dateOfBirth: '1990-08-07',
    mobile: '+62 857-1122-3344',
    email: 'ahmad.fauzi@example.com',
    address: { kelurahan: '32.75.01.1002', rt: '3', rw: '7', street: 'Jl. Cut Meutia Gg. Mawar No. 5' },
  },
  name: 'Bengkel Motor Fauzi',
  nib: '8120117654321',
  npwp: undefined,
  kbli: ['45407'],
  sector: 'otomotif',
  yearStarted: 2016,
  address: {
    kecamatan: '32.75.01',
    kelurahan: '32.75.01.1002',
    rt: '3',
    rw: '7',
    street: 'Jl. Cut Meutia No. 88',
  },
  workers: 2,
  capital: 60_000_000,
  annualSales: 310_000_000,
  products: [{ name: 'Servis ringan sepeda motor', priceMin: 50_000, priceMax: 150_000 }],
  salesChannels: { offline: true },
  certifications: [],
};
const { npwp: _none, ...importedFields } = importedInput;
const importedRecord = newBusiness(RegisterBusiness.parse(importedFields), owner, AT.registered);
const source = { kind: 'import' as const, importId: ID.importJob, row: 42, label: 'Data UMKM Dinas 2025' };
const { consent: _noConsent, ...withoutConsent } = importedRecord;
const claimedBusiness: Business = {
  ...withoutConsent,
  id: ID.imported,
  legalBasis: 'public-task',
  source,
  claimedAt: AT.claimed,
  history: [
    { at: AT.registered, by: operator.sub, role: 'operator', action: 'imported' },
    { at: AT.claimed, by: owner.sub, role: 'owner', action: 'claimed' },
  ],
  version: 2,
  updatedAt: AT.claimed,
};
const reference = `${ID.importJob}-42`;
const claimed = {
  business: businessView(claimedBusiness),
  notice: {
    legalBasis: 'public-task',
    source,
    text: {
      id: `Data usaha ini dihimpun Dinas Koperasi dan UKM Kota Bekasi dalam pelaksanaan tugas pelayanan publik (UU 27/2022 Pasal 20 ayat (2) huruf e), berasal dari data impor Dinas "${source.label}", baris 42 (referensi ${reference}). Sebagai pemilik, Anda dapat melihat, memperbaiki, mengunduh dan menghapus data ini.`,
      en: `The Dinas Koperasi dan UKM of Kota Bekasi holds this business record for its public task (UU 27/2022 Art. 20(2)(e)); it comes from a Dinas import "${source.label}", row 42 (reference ${reference}). As its owner you may see, correct, export and erase it.`,
    },
  },
};

// --- Events -----------------------------------------------------------------------------------------

const eventInput = {
  title: 'Pelatihan Pemasaran Digital untuk UMKM Kuliner',
  type: 'pelatihan',
  description:
    'Pelatihan satu hari: foto produk dengan ponsel, katalog WhatsApp Business, dan berjualan di marketplace.\nBawa ponsel dan contoh produk Anda.',
  start: '2026-12-12T09:00:00+07:00',
  end: '2026-12-12T15:00:00+07:00',
  venue: {
    name: 'Aula Pemerintah Kota Bekasi',
    address: 'Jl. Jend. Ahmad Yani No. 1, Margajaya, Bekasi Selatan',
    kecamatan: '32.75.04',
    kelurahan: '32.75.04.1002',
  },
  organiser: 'Dinas Koperasi dan UKM Kota Bekasi',
  registration: {
    url: 'https://umkm.bekasikota.go.id/daftar/pelatihan-digital',
    deadline: '2026-12-09T23:59:00+07:00',
  },
  quota: 50,
  fee: 0,
  eligibility: 'UMKM kuliner di Kota Bekasi yang sudah memiliki NIB.',
  contact: { name: 'Bidang Pemberdayaan UMKM', phone: '+62 21 8894 1234', email: 'umkm@bekasikota.go.id' },
  needs: ['pelatihan', 'pemasaran_online'],
  tags: ['digital', 'kuliner'],
};
const eventPatch = { quota: 60, eligibility: 'UMKM kuliner di Kota Bekasi (NIB diutamakan).' };
const draftEvent = newEventRecord(EventInput.parse(eventInput), ID.event, AT.eventCreated, operator.sub);
const editedEvent = revise(draftEvent, eventPatch, AT.eventCreated);
const publishedEvent: EventRecord = revise(
  editedEvent,
  { status: 'published', publishedAt: AT.eventPublished },
  AT.eventPublished,
);
const poster = {
  key: `posters/images/${ID.event}/${ID.upload}.jpg`,
  type: 'image/jpeg' as const,
  width: 1080,
  height: 1350,
  bytes: 412_337,
  uploadedAt: AT.posterUploaded,
};
const withPoster = revise(publishedEvent, { poster }, AT.posterUploaded);
const cancelReason = 'Aula dipakai untuk kegiatan darurat; pelatihan dijadwalkan ulang pada Januari 2027.';
const cancelledEvent = revise(
  publishedEvent,
  { status: 'cancelled', cancellation: { reason: cancelReason, at: AT.answered } },
  AT.answered,
);
const page = <T>(items: T[], more = false) => ({
  items,
  ...(more ? { cursor: 'eyJrIjoiMDFNNzcwQTNBMFk0RDlCMVZNQjg2VFRRUzYifQ' } : {}),
});
const view = (record: EventRecord): EventView => toView(record);

// --- Surveys ----------------------------------------------------------------------------------------

const template = TEMPLATES['kebutuhan-umkm'];
const surveyInput = {
  title: 'Kebutuhan UMKM Kota Bekasi 2027',
  description: template.description,
  audience: { sectors: ['kuliner', 'fesyen', 'kriya'], sizeClasses: ['mikro', 'kecil'] },
  opensAt: '2026-12-01T00:00:00.000Z',
  closesAt: '2027-01-31T17:00:00.000Z',
  questions: template.questions,
};
const draftSurvey = newSurvey(ID.survey, surveyInput, operator.sub, AT.surveyCreated);
const publishedSurvey = published(draftSurvey, AT.surveyPublished);
const answers = {
  kendala_utama: ['modal', 'digital'],
  kebutuhan_prioritas: ['pelatihan', 'pemasaran_online'],
  topik_pelatihan: ['pemasaran_digital', 'kemasan'],
  tingkat_urgensi: 4,
  catatan: 'Butuh pelatihan foto produk dan kemasan untuk dijual di marketplace.',
};
const answersRecord: AnswersRecord = {
  businessId: ID.business,
  surveyId: ID.survey,
  ownerSub: owner.sub,
  version: 1,
  answers,
  kinds: Object.fromEntries(template.questions.map((question) => [question.key, question.kind])),
  needs: ['pelatihan', 'pemasaran_online'],
  cell: { kecamatan: '32.75.03', sector: 'kuliner', sizeClass: 'mikro' },
  revision: 1,
  answeredAt: AT.answered,
  updatedAt: AT.answered,
};
const { ownerSub: _ownerSub, kinds: _kinds, ...responseView } = answersRecord;
const byOption = (key: string, counts: Record<string, number>) => {
  const question = template.questions.find((candidate) => candidate.key === key);
  const options = question && 'options' in question ? question.options : [];
  return options.map((option) => ({
    key: option.key,
    label: option.label,
    ...(option.need ? { need: option.need } : {}),
    count: counts[option.key] ?? 0,
  }));
};
const label = (key: string) => template.questions.find((question) => question.key === key)?.label ?? null;
const summary = (scale: number) => ({
  respondents: 2,
  questions: [
    {
      key: 'kebutuhan_prioritas',
      kind: 'multiple_choice',
      label: label('kebutuhan_prioritas'),
      answered: 2,
      options: byOption('kebutuhan_prioritas', { pelatihan: 2, pemasaran_online: 1, pembiayaan: 1 }),
    },
    {
      key: 'tingkat_urgensi',
      kind: 'scale',
      label: label('tingkat_urgensi'),
      answered: 2,
      stats: { count: 2, sum: scale, min: 3, max: scale - 3, mean: scale / 2 },
    },
  ],
});

// --- Subscriptions and digest ------------------------------------------------------------------------

const CONFIRM_TOKEN =
  'eyJwIjoiY29uZmlybSIsInMiOiIwMU03VkFYNjgwU0NaVk42QVI3N0RBWFRXRiIsImUiOjE3NjQ5MDAwMDAsImsiOiJrMjAyNmEifQ.LXEWQrcmsEQBYnyp-6wy9chTD7GQPMTbAiWHF5IaSIE';
const MANAGE_TOKEN =
  'eyJwIjoibWFuYWdlIiwicyI6IjAxTTdWQVg2ODBTQ1pWTjZBUjc3REFYVFdGIiwiZSI6MTc5NjQzNjAwMCwiayI6ImsyMDI2YSJ9.ofzkNjhU_4iM_0uOeHXWAMJoI5BBKoz3mzfQsRFIsPo';
const preferencesInput = {
  name: 'Dewi',
  language: 'id',
  kecamatan: ['32.75.03', '32.75.04'],
  types: ['pelatihan', 'bazar'],
  needs: ['pemasaran_online'],
};
const preferences = {
  status: 'confirmed',
  email: 'dewi.lestari@example.com',
  name: 'Dewi',
  language: 'id',
  filters: {
    kecamatan: ['32.75.03', '32.75.04'],
    types: ['pelatihan', 'bazar'],
    needs: ['pemasaran_online'],
  },
};
const digestRun = {
  week: '2026-W49',
  runId: ID.run,
  state: 'done',
  scheduledAt: AT.digest,
  startedAt: AT.digest,
  finishedAt: '2026-11-30T23:04:12.000Z',
  events: 6,
  cancellations: 1,
  counters: { planned: 1_832, sent: 1_820, failed: 0, suppressed: 7, skipped: 5 },
  progress: { shardsDone: 16, shardCount: 16, batchesDone: 37, batchesPlanned: 37 },
};

const html = (title: string, body: string) =>
  `<!doctype html>\n<html lang="id">\n<head><meta charset="utf-8"><title>${title} · UMKM Kota Bekasi</title></head>\n<body><main>${body}</main></body>\n</html>\n`;

// --- Imports and exports ------------------------------------------------------------------------------

const S3 = 'https://umkm-hub-files-123456789012.s3.ap-southeast-3.amazonaws.com';
const presigned = (key: string, date: string, seconds: number, signature: string) =>
  `${S3}/${key}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Content-Sha256=UNSIGNED-PAYLOAD` +
  `&X-Amz-Credential=ASIAEXAMPLE7Q4ZT3N2K%2F${date.slice(0, 8)}%2Fap-southeast-3%2Fs3%2Faws4_request` +
  `&X-Amz-Date=${date}&X-Amz-Expires=${seconds}&X-Amz-SignedHeaders=host&X-Amz-Signature=${signature}`;

/** The Dinas's 2025 list (the import the claimed record above came from), at its start and when done. */
const importJob = newImportJob(
  {
    id: ID.importJob,
    fileName: 'data-umkm-dinas-2025.xlsx',
    format: 'xlsx',
    label: 'Data UMKM Dinas 2025',
    createdBy: operator.sub,
  },
  '2026-11-05T07:40:00.000Z',
);
const importDone: ImportJob = {
  ...importJob,
  state: 'done',
  rowsRead: 12_480,
  imported: 11_902,
  matched: 341,
  conflicts: 3,
  rejected: 234,
  looseMatches: 517,
  chunksPlanned: 63,
  chunksTotal: 63,
  chunksDone: 63,
  updatedAt: '2026-11-05T07:52:31.000Z',
  finishedAt: '2026-11-05T07:52:31.000Z',
};
const exportJob: ExportJob = {
  id: ID.export,
  requestedBy: operator.sub,
  requestedAt: '2026-12-01T01:10:00.000Z',
  format: 'xlsx',
  identity: false,
  filters: { kecamatan: '32.75.03', status: 'verified' },
  state: 'queued',
  rows: 0,
  chunks: 0,
  legs: 0,
  updatedAt: '2026-12-01T01:10:00.000Z',
};
const exportDone: ExportJob = {
  ...exportJob,
  state: 'done',
  rows: 48_213,
  chunks: 25,
  legs: 1,
  updatedAt: '2026-12-01T01:11:42.000Z',
  finishedAt: '2026-12-01T01:11:42.000Z',
  bytes: 3_912_448,
};

// --- By route ---------------------------------------------------------------------------------------

export const routeExamples: Record<string, RouteExamples> = {
  getHealth: { response: { status: 'ok', version: '1.0.0', stage: 'local', table: 'ok' } },
  listRegions: { response: { items: KECAMATAN.slice(0, 2) } },
  getRegion: { response: KECAMATAN.find((kecamatan) => kecamatan.code === '32.75.03') },
  getMe: { response: { sub: owner.sub, roles: ['owner'] } },
  getMyData: {
    response: {
      subject: owner.sub,
      generatedAt: '2026-12-01T03:00:00.000Z',
      businesses: [businessView(verified)],
      subscription: null,
      personalDataAccess: [
        { at: AT.verified, by: 'operator', action: 'verify', record: { kind: 'business', id: ID.business } },
      ],
      surveyResponses: [responseView],
      declaredNeeds: {
        needs: ['pelatihan', 'pemasaran_online'],
        byBusiness: { [ID.business]: ['pelatihan', 'pemasaran_online'] },
      },
    },
  },
  registerBusiness: { request: registration, response: businessView(registered) },
  listBusinesses: { response: page([businessListItem(verified), businessListItem(claimedBusiness)], true) },
  listMyBusinesses: { response: { items: [businessView(verified)] } },
  getBusiness: { response: businessView(verified) },
  updateBusiness: { request: update, response: businessView(edited) },
  verifyBusiness: { request: verification, response: businessView(verified) },
  exportBusinesses: {
    others: { 202: exportView(exportJob) },
    text: {
      'text/csv': `\uFEFF${[csvHeader(exportColumns(false)), csvRow(exportColumns(false), verified), csvRow(exportColumns(false), claimedBusiness)].join('\r\n')}\r\n`,
    },
  },
  getBusinessExport: {
    response: exportView(exportDone, {
      url: presigned(
        `exports/${ID.export}.xlsx`,
        '20261201T011500Z',
        900,
        '5d41402abc4b2a76b9719d911017c592ae0c3b7f1e0b8f1c7a4e2d9c6b3a1f08',
      ),
      expiresAt: '2026-12-01T01:30:00.000Z',
    }),
  },
  startImport: {
    request: {
      fileName: 'data-umkm-dinas-2025.xlsx',
      format: 'xlsx',
      source: 'Data UMKM Dinas 2025',
      mapping: { 'Nama Dagang': 'name', 'No KTP Pemilik': 'nik' },
      sheet: 'Data UMKM',
    },
    response: {
      import: toImportView(importJob),
      upload: {
        method: 'PUT',
        url: presigned(
          `imports/uploads/${ID.importJob}.xlsx`,
          '20261105T074000Z',
          1800,
          '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
        ).replace('SignedHeaders=host', 'SignedHeaders=content-type%3Bhost'),
        headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
        expiresAt: '2026-11-05T08:10:00.000Z',
      },
    },
  },
  listImports: { response: page([toImportView(importDone)]) },
  getImport: { response: toImportView(importDone) },
  getImportReport: {
    response: {
      url: presigned(
        `imports/reports/${ID.importJob}.csv`,
        '20261105T080000Z',
        900,
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ),
      expiresAt: '2026-11-05T08:15:00.000Z',
    },
  },
  importTemplate: { text: { 'text/csv': templateCsv() } },
  businessStats: {
    response: {
      total: 2,
      byArea: [
        {
          kecamatan: '32.75.01',
          kecamatanName: 'Bekasi Timur',
          sizeClass: 'mikro',
          status: 'pending',
          count: 1,
        },
        {
          kecamatan: '32.75.03',
          kecamatanName: 'Bekasi Utara',
          sizeClass: 'mikro',
          status: 'verified',
          count: 1,
        },
      ],
      bySector: [
        { sector: 'kuliner', status: 'verified', count: 1 },
        { sector: 'otomotif', status: 'pending', count: 1 },
      ],
    },
  },
  startClaim: {
    request: { nib: '8120117654321', nik: '3275010708900011' },
    response: {
      claimId: ID.claim,
      expiresAt: '2026-11-16T01:35:00.000Z',
      message: {
        id: 'Jika data yang Anda berikan cocok dengan data usaha di Dinas dan alamat email tercatat, kode sekali pakai telah dikirim ke email tersebut. Jika tidak ada email, mintalah surat klaim ke Dinas Koperasi dan UKM.',
        en: 'If your details match a business the Dinas holds and an email is on record, a one-time code was sent there. If there is no email, ask the Dinas Koperasi dan UKM for a claim letter.',
      },
    },
  },
  confirmClaim: { request: { code: 'K7QM-4XPT' }, response: claimed },
  redeemClaimLetter: {
    request: { reference, nik: '3275010708900011', code: 'R9TZ-2HWC' },
    response: claimed,
  },
  printClaimLetter: {
    text: {
      'text/html': html(
        'Surat Klaim Usaha',
        `<h1>Surat Klaim Data Usaha</h1><p>Bengkel Motor Fauzi — referensi <strong>${reference}</strong></p><p>Kode klaim: <strong>R9TZ-2HWC</strong> (berlaku 30 hari)</p>`,
      ),
    },
  },
  createEvent: { request: eventInput, response: view(draftEvent) },
  listEvents: { response: page([view(withPoster)], true) },
  updateEvent: { request: eventPatch, response: view(editedEvent) },
  getEvent: { response: view(withPoster) },
  publishEvent: { response: view(publishedEvent) },
  cancelEvent: { request: { reason: cancelReason }, response: view(cancelledEvent) },
  startPosterUpload: {
    request: { contentType: 'image/jpeg', bytes: 412_337 },
    response: {
      key: `posters/uploads/${ID.event}/${ID.upload}`,
      method: 'PUT',
      uploadUrl:
        `https://umkm-hub-files-123456789012.s3.ap-southeast-3.amazonaws.com/posters/uploads/${ID.event}/${ID.upload}` +
        '?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Content-Sha256=UNSIGNED-PAYLOAD' +
        '&X-Amz-Credential=ASIAEXAMPLE7Q4ZT3N2K%2F20261118%2Fap-southeast-3%2Fs3%2Faws4_request' +
        '&X-Amz-Date=20261118T090000Z&X-Amz-Expires=600&X-Amz-SignedHeaders=content-type%3Bhost' +
        '&X-Amz-Signature=293b9207228b7854bc3ccb2959ebea1583e066d41983124a5b381d6fdf6575f8',
      headers: { 'content-type': 'image/jpeg' },
      expiresAt: '2026-11-18T09:10:00.000Z',
      limits: { maxBytes: 1_048_576, maxPixels: 2048, minPixels: 200 },
    },
  },
  confirmPoster: { request: { key: `posters/uploads/${ID.event}/${ID.upload}` }, response: view(withPoster) },
  listManagedEvents: { response: page([view(draftEvent), view(withPoster)]) },
  eventsCalendar: { text: { 'text/calendar': icsCalendar([view(withPoster)]) } },
  createSubscription: {
    request: {
      email: 'dewi.lestari@example.com',
      name: 'Dewi',
      language: 'id',
      kecamatan: ['32.75.03', '32.75.04'],
      types: ['pelatihan', 'bazar'],
      needs: ['pemasaran_online'],
    },
    response: {
      status: 'accepted',
      detail: 'If the address can receive our mail, a confirmation link is on its way.',
    },
  },
  confirmSubscription: {
    request: { token: CONFIRM_TOKEN },
    response: { status: 'confirmed', manageToken: MANAGE_TOKEN },
  },
  getPreferences: { response: preferences },
  updatePreferences: { request: preferencesInput, response: preferences },
  unsubscribe: { request: { 'List-Unsubscribe': 'One-Click' }, response: { status: 'unsubscribed' } },
  unsubscribePage: {
    response: {
      subscribed: true,
      language: 'id',
      confirm: { method: 'POST', body: 'List-Unsubscribe=One-Click' },
    },
  },
  getMySubscription: { response: { ...preferences, email: 'sri.wahyuningsih@example.co.id', name: 'Sri' } },
  putMySubscription: {
    request: {
      subscribed: true,
      language: 'id',
      kecamatan: ['32.75.03'],
      types: ['pelatihan'],
      needs: ['pemasaran_online'],
    },
    response: {
      status: 'confirmed',
      email: 'sri.wahyuningsih@example.co.id',
      language: 'id',
      filters: { kecamatan: ['32.75.03'], types: ['pelatihan'], needs: ['pemasaran_online'] },
    },
  },
  createSurvey: { request: surveyInput, response: draftSurvey },
  listSurveys: { response: page([surveySummary(publishedSurvey)]) },
  openSurveys: {
    response: {
      businessId: ID.business,
      items: [{ ...openSurveyView(publishedSurvey), response: { version: 1, updatedAt: AT.answered } }],
    },
  },
  getSurvey: { response: publishedSurvey },
  updateSurvey: {
    request: { closesAt: '2027-02-28T17:00:00.000Z' },
    response: {
      ...draftSurvey,
      draft: { ...draftSurvey.draft, closesAt: '2027-02-28T17:00:00.000Z' },
      revision: 2,
      updatedAt: AT.surveyPublished,
    },
  },
  publishSurvey: { response: publishedSurvey },
  closeSurvey: { response: closed(publishedSurvey, '2027-01-31T17:00:00.000Z') },
  startSurveyVersion: { response: nextDraft(publishedSurvey, AT.answered) },
  surveyResults: {
    response: {
      surveyId: ID.survey,
      version: 1,
      filters: { sector: 'kuliner' },
      ...summary(7),
      byKecamatan: [{ kecamatan: '32.75.03', kecamatanName: 'Bekasi Utara', ...summary(7) }],
    },
  },
  exportSurveyResponses: {
    response: page([
      {
        businessId: ID.business,
        kecamatan: '32.75.03',
        sector: 'kuliner',
        sizeClass: 'mikro',
        version: 1,
        answeredAt: AT.answered,
        updatedAt: AT.answered,
        answers,
      },
    ]),
    text: { 'text/csv': toCsv(publishedSurvey.questionKeys, [answersRecord]) },
  },
  listSurveyTemplates: { response: { items: [{ key: 'kebutuhan-umkm', ...template }] } },
  copySurveyTemplate: {
    request: {
      title: surveyInput.title,
      audience: surveyInput.audience,
      opensAt: surveyInput.opensAt,
      closesAt: surveyInput.closesAt,
    },
    response: { ...draftSurvey, template: 'kebutuhan-umkm' },
  },
  putSurveyResponse: { request: { version: 1, answers }, response: responseView },
  getSurveyResponse: { response: responseView },
  listDigests: { response: page([digestRun]) },
  getDigest: { response: digestRun },
  previewDigest: {
    text: {
      'text/html': html(
        'Agenda UMKM minggu ini',
        '<h1>Agenda UMKM Kota Bekasi, 7–13 Desember 2026</h1><h2>Pelatihan Pemasaran Digital untuk UMKM Kuliner</h2><p>Sabtu, 12 Desember 2026, 09.00–15.00 WIB · Aula Pemerintah Kota Bekasi</p>',
      ),
    },
  },
  confirmPage: {
    text: {
      'text/html': html(
        'Konfirmasi langganan',
        `<h1>Konfirmasi langganan agenda UMKM</h1><form method="post"><input type="hidden" name="token" value="${CONFIRM_TOKEN}"><button>Konfirmasi</button></form>`,
      ),
    },
  },
  confirmForm: {
    request: { token: CONFIRM_TOKEN },
    text: { 'text/html': html('Langganan aktif', '<h1>Terima kasih, langganan Anda aktif.</h1>') },
  },
  preferencesPage: {
    text: {
      'text/html': html('Preferensi langganan', '<h1>Preferensi langganan</h1><form method="post">…</form>'),
    },
  },
  preferencesForm: {
    request: { token: MANAGE_TOKEN, ...preferencesInput },
    text: { 'text/html': html('Preferensi tersimpan', '<h1>Preferensi Anda tersimpan.</h1>') },
  },
  stopPage: {
    text: {
      'text/html': html(
        'Berhenti berlangganan',
        '<h1>Berhenti berlangganan?</h1><form method="post">…</form>',
      ),
    },
  },
  stopForm: {
    request: { token: MANAGE_TOKEN },
    text: {
      'text/html': html('Langganan dihentikan', '<h1>Anda tidak akan menerima email agenda lagi.</h1>'),
    },
  },
  agendaPage: {
    text: {
      'text/html': html(
        'Agenda',
        `<h1>Agenda UMKM Kota Bekasi</h1><ul><li><a href="/agenda/${ID.event}">Pelatihan Pemasaran Digital untuk UMKM Kuliner</a> — Sabtu, 12 Desember 2026, 09.00 WIB</li></ul>`,
      ),
    },
  },
  eventPage: {
    text: {
      'text/html': html(
        'Pelatihan Pemasaran Digital untuk UMKM Kuliner',
        '<h1>Pelatihan Pemasaran Digital untuk UMKM Kuliner</h1><p>Sabtu, 12 Desember 2026, 09.00–15.00 WIB</p>',
      ),
    },
  },
  eventCalendar: { text: { 'text/calendar': icsCalendar([view(withPoster)]) } },
};
