type JsonSchema = Record<string, unknown>;

/*
 * What every field of the API means, for the OpenAPI document: one entry per field name, in English, for
 * a newcomer (what it is, its format, its unit). A name whose meaning depends on where it sits has entries
 * by context too: `parent.name` (the enclosing field, e.g. `owner.nik`) wins over `Tag:name` (the route's
 * tag, e.g. `Events:id`), which wins over the bare `name`. A description written on the zod schema itself
 * (`.check(z.describe(…))`, `z.meta`) wins over all of them. `test/unit/openapi-examples.test.ts` fails,
 * naming the JSON pointer, on any property left without a description.
 */
const ULID_FORMAT = 'a ULID: 26 characters of Crockford base32, time-ordered';
const INSTANT = 'An ISO 8601 instant in UTC (`Z`), e.g. `2026-11-03T02:15:00.000Z`; show it in WIB (UTC+7).';
const WIB_TIME =
  'An ISO 8601 date-time with seconds and an offset; the API writes WIB (`+07:00`), e.g. `2026-12-12T09:00:00+07:00`.';
const KECAMATAN =
  'Kemendagri code of a Kota Bekasi kecamatan, `32.75.NN` (see `GET /regions`), e.g. `32.75.03`.';
const KELURAHAN =
  'Kemendagri code of a kelurahan/desa, `PP.KK.CC.NNNN` (Kota Bekasi’s are `32.75.CC.NNNN`, see `GET /regions`), e.g. `32.75.03.1002`.';
const SECTOR =
  'The business sector (the programme’s own list, coarser than KBLI): `kuliner`, `fesyen`, `kriya`, …';
const SIZE =
  'UMKM size class per PP 7/2021: `mikro`, `kecil` or `menengah` (decided by capital, or by annual sales for businesses started before 2021).';
const BUSINESS_STATUS =
  'Verification state: `pending` (waiting for the Dinas), `verified`, `rejected`, or `needs_changes` (the owner must edit and resubmit).';
const NEEDS =
  'Needs of UMKM the programme answers: `gerai` (a sales outlet), `pelatihan` (training), `pasar` (market access), `sertifikasi` (certification), `pemasaran_online` (online marketing), `pembiayaan` (financing).';
const EVENT_TYPE =
  'Kind of event: `pameran` (exhibition), `bazar`, `pelatihan` (training), `workshop`, `pendampingan` (mentoring), `temu_bisnis` (business matching), `kurasi_produk` (product curation), `sertifikasi`, `sosialisasi` (information session), `festival`, `lomba` (competition).';
const LANGUAGE = 'Language of mails and pages: `id` (Bahasa Indonesia, the default) or `en` (English).';
const TOKEN =
  'The signed token from the link in the mail (opaque; it names the subscription and expires). Copy it as given.';
const RUPIAH = 'in whole rupiah (IDR, no decimals)';

export const FIELDS: Record<string, string> = {
  // Identifiers
  id: `The business’s id (${ULID_FORMAT}).`,
  'Businesses:id': `The business’s id (${ULID_FORMAT}).`,
  'Events:id': `The event’s id (${ULID_FORMAT}).`,
  'Surveys:id': `The survey’s id (${ULID_FORMAT}).`,
  '/claims/{id}': `The claim’s id, as \`POST /claims\` answered it (\`claimId\`, ${ULID_FORMAT}).`,
  '/businesses/{id}': `The business’s id (${ULID_FORMAT}).`,
  '/events/{id}': `The event’s id (${ULID_FORMAT}).`,
  '/agenda/{id}': `The event’s id (${ULID_FORMAT}).`,
  '/surveys/{id}': `The survey’s id (${ULID_FORMAT}).`,
  'certifications.id': `The certification’s id within the business (${ULID_FORMAT}).`,
  'record.id': `The id of the record that was accessed (${ULID_FORMAT}).`,
  'label.id': 'The text in Bahasa Indonesia (always present; shown to citizens first).',
  'help.id': 'The text in Bahasa Indonesia.',
  'minLabel.id': 'The text in Bahasa Indonesia.',
  'maxLabel.id': 'The text in Bahasa Indonesia.',
  'message.id': 'The text in Bahasa Indonesia.',
  'text.id': 'The text in Bahasa Indonesia.',
  en: 'The same text in English (optional for labels: clients fall back to Bahasa Indonesia).',
  ownerId:
    'The Cognito subject (`sub`) of the account that owns the record; absent until someone claims an imported record.',
  sub: 'The account’s Cognito subject: a UUID that never changes for this account.',
  subject: 'The Cognito subject (`sub`) of the account the export is for.',
  businessId: `The business’s id (${ULID_FORMAT}).`,
  'query.businessId': `Which of the caller’s businesses the surveys are for (${ULID_FORMAT}); optional when the caller owns one.`,
  surveyId: `The survey’s id (${ULID_FORMAT}).`,
  claimId: `The claim’s id (${ULID_FORMAT}); confirm it at \`POST /claims/{claimId}/confirmation\`.`,
  importId: `The id of the import that brought the record in (${ULID_FORMAT}).`,
  certificationId: 'The certification the entry is about (`certifications[].id`).',
  runId: `The digest run’s id (${ULID_FORMAT}).`,
  reference:
    'The record’s reference printed on the claim letter: the import id, a hyphen and the row number (e.g. `01JBX3T1Z8Q4W5E6R7T8Y9U0AB-42`). Give this or `nib`.',

  // Regions
  'Regions:code': KECAMATAN,
  'Regions:path.code': KECAMATAN,
  'kelurahan.code': KELURAHAN,
  'Regions:name': 'Official name (Kemendagri), e.g. `Bekasi Utara`.',
  'kelurahan.name': 'Official name of the kelurahan (Kemendagri), e.g. `Harapan Jaya`.',
  'Regions:kelurahan': 'The kelurahan of the kecamatan, by code.',
  postalCode:
    'The kelurahan’s postal code (5 digits). Never derive a kecamatan from it: some codes cross boundaries.',
  'Regions:items': 'The 12 kecamatan of Kota Bekasi, by code.',

  // Operations
  'Operations:status': '`ok` when every dependency answers; `degraded` when the table does not.',
  'Operations:version': 'The deployed API version (semantic versioning).',
  stage: 'The deployment stage answering (e.g. `local`, `staging`, `prod`).',
  table: 'Whether the DynamoDB table answered a read: `ok` or `unreachable`.',

  // Account
  roles:
    'The account’s roles: `owner` (every signed-in account) and `operator` (Dinas staff, Cognito group `operators`).',
  generatedAt: INSTANT,
  businesses: 'Every business record the account owns, in full.',
  subscription: 'The account’s digest subscription as stored, or `null` when it has none.',
  personalDataAccess:
    'Who read or changed the caller’s personal data, newest first (UU 27/2022 “UU PDP”: processing is logged).',
  surveyResponses: 'Every survey answer given for the caller’s businesses.',
  declaredNeeds:
    'The needs the caller declared in survey answers, overall and by business; `null` when none.',
  byBusiness: 'Declared needs per business id.',
  'personalDataAccess.action': 'What was done: `read`, `update` or `verify`.',
  'personalDataAccess.at': INSTANT,
  'personalDataAccess.by':
    'Who did it: `operator` for Dinas staff, `owner` for the owner (no staff identities here).',
  'record.kind': 'The kind of record: `business`.',
  record: 'The record whose personal data was accessed.',

  // Businesses: the record
  name: 'The business’s trading name, as the owner writes it (1–150 characters).',
  owner: 'The owner (pemilik usaha): identity and contact. Personal data: never shown in public answers.',
  'owner.fullName': 'The owner’s full name as on the KTP (identity card).',
  nik: 'Nomor Induk Kependudukan: the owner’s 16-digit national identity number. Digits 1–2 province, 3–4 city (Kota Bekasi is `3275`; residents may hold others), 5–6 kecamatan, 7–12 date of birth as DDMMYY with 40 added to the day for women (a woman born 14 March 1985 has `540385`), 13–16 a sequence number. It must agree with `dateOfBirth` and `gender`. Personal data.',
  'Claims:nik':
    'The owner’s NIK (16 digits; see `owner.nik`). It must match the NIK the Dinas holds for the record; checked without revealing it.',
  gender:
    'The owner’s gender as on the KTP: `female` or `male` (the NIK encodes it: women’s day of birth has 40 added).',
  dateOfBirth: 'The owner’s date of birth, `YYYY-MM-DD` (must match digits 7–12 of the NIK).',
  mobile:
    'The owner’s mobile number. Accepts `08…`, `628…` or `+628…` (spaces and hyphens allowed); answered in E.164, e.g. `+6281234567890`.',
  'owner.email': 'The owner’s e-mail address (lower-cased); claim codes and notices go here.',
  'owner.address': 'Where the owner lives (as on the KTP).',
  address: 'Where the business operates, in Kota Bekasi.',
  'venue.address': 'Street address of the venue, for people to find it.',
  'address.kecamatan': KECAMATAN,
  'address.kelurahan': KELURAHAN,
  rt: 'Rukun tetangga (neighbourhood unit) number, 1–3 digits; answered zero-padded to 3 (`007`).',
  rw: 'Rukun warga (community unit) number, 1–3 digits; answered zero-padded to 3 (`012`).',
  street: 'Street, house number and any landmark (1–200 characters).',
  coordinates: 'Where the business is on a map (optional; WGS 84, must lie in or near Kota Bekasi).',
  lat: 'Latitude in decimal degrees (WGS 84), between −6.5 and −6.1.',
  lng: 'Longitude in decimal degrees (WGS 84), between 106.85 and 107.1.',
  legalForm:
    'Legal form: `perorangan` (sole trader), `pt_perorangan` (one-person PT), `cv`, `pt`, `firma`, `koperasi`, `ud`, or `lainnya` (other).',
  nib: 'Nomor Induk Berusaha: the 13-digit business id issued by OSS (e.g. `9120008231457`). Optional: many micro businesses have none yet.',
  'Claims:nib': 'The record’s NIB (13 digits), when it has one. Give this or `reference`.',
  npwp: 'Tax number (NPWP): 16 digits; a 15-digit legacy NPWP gets a leading `0`. Punctuation (`01.234.567.8-432.000`) is accepted and removed.',
  kbli: 'The business’s KBLI 2020 activity codes (5 digits each, e.g. `10710` bakery products), 1–10, none repeated.',
  sector: SECTOR,
  yearStarted: 'The year the business started (not in the future).',
  workers: 'How many people work in the business, the owner included.',
  capital: `Business capital (modal usaha) excluding land and buildings, ${RUPIAH}. Decides the size class for businesses started from 2021. Personal data.`,
  annualSales: `Sales in a year (omzet), ${RUPIAH}. Decides the size class for businesses started before 2021. Personal data.`,
  size: 'The size class the service derived (not sent by clients), with the rule that decided it.',
  class: SIZE,
  rule: 'Which figure decided the class: `capital` (from 2021) or `annualSales` (businesses started before 2021).',
  basis:
    'The legal basis of the decision, in Bahasa Indonesia (e.g. `PP 7/2021 Pasal 35: modal usaha … ≤ Rp1.000.000.000`).',
  products: 'What the business sells (up to 50).',
  'products.name': 'Product name (1–120 characters).',
  'products.description': 'Product description (optional, up to 500 characters).',
  priceMin: `Lowest price ${RUPIAH}.`,
  priceMax: `Highest price ${RUPIAH} (not below \`priceMin\`).`,
  salesChannels: 'Where the business sells.',
  offline: 'Whether it sells in person (a shop, stall or market).',
  marketplaces: 'Online marketplaces it sells on (up to 10).',
  'marketplaces.name': 'The marketplace, e.g. `Tokopedia`, `Shopee`.',
  'marketplaces.url': 'The shop’s https URL on the marketplace.',
  social: 'Social media accounts it sells through (up to 10).',
  platform: 'The platform, e.g. `Instagram`, `TikTok`, `WhatsApp Business`.',
  'social.url': 'The account’s https URL.',
  certifications: 'Certifications the owner declares; operators verify or reject each.',
  'certifications.type':
    'Kind: `halal`, `pirt` (P-IRT home-industry food permit), `bpom_md` (BPOM MD registration), `sni` (Indonesian national standard), `merek` (registered trademark).',
  number: 'The certificate’s number as printed on it.',
  issuedAt: 'Date of issue, `YYYY-MM-DD`.',
  'certifications.expiresAt':
    'Expiry date, `YYYY-MM-DD` (not before `issuedAt`); absent when it does not expire.',
  'certifications.status':
    'Its state: `claimed` (declared by the owner), `verified` or `rejected` by an operator.',
  'certifications.decision': 'The operator’s decision on this certification: `verified` or `rejected`.',
  'certifications.note': 'The operator’s note on the decision, shown to the owner.',
  decidedBy: 'Who decided: the operator’s Cognito subject.',
  decidedAt: INSTANT,
  consent: 'The owner’s consent to the privacy notice (UU PDP); absent on records the Dinas imported.',
  'consent.privacyNoticeVersion':
    'The privacy notice version consented to; registration must send the current one (`2026-11`).',
  accepted: 'Must be `true`: the owner accepts the privacy notice.',
  acceptedAt: INSTANT,
  legalBasis:
    'Why the service holds the data (UU PDP): `consent` (the owner registered) or `public-task` (the Dinas imported it in its public task).',
  source: 'Where an imported record came from; absent for records owners registered.',
  'source.kind': 'Always `import`.',
  row: 'Its row number in the imported file (1 is the first data row).',
  'source.label': 'The label the operator gave the import (e.g. the source list’s name).',
  claimedAt: INSTANT,
  status: BUSINESS_STATUS,
  'Businesses:status': BUSINESS_STATUS,
  version:
    'The record’s version: 1 when created, one more on every change. The `ETag` header carries it; send it in `If-Match` to change the record.',
  createdAt: INSTANT,
  updatedAt: INSTANT,
  history: 'What happened to the record, oldest first.',
  'history.at': INSTANT,
  'history.by': 'Who acted: the account’s Cognito subject.',
  role: 'In which role they acted: `owner` or `operator`.',
  action:
    'What happened: `registered`, `imported`, `claimed`, `edited`, `resubmitted`, `decision` (verification), `certification` (a certification decided).',
  'history.decision': 'The verification decision, for `decision` entries.',
  'history.note': 'The operator’s note, if any.',
  fields: 'The top-level fields an edit changed, for `edited` and `resubmitted` entries.',
  ownerName: 'The owner’s full name (operators only).',
  nikMasked: 'The NIK with all but its last 4 digits replaced by `*` (lists never carry the full NIK).',
  'Businesses:items': 'The page of businesses.',
  'Businesses:decision':
    'The verification decision: `verified`, `rejected`, or `needs_changes` (the owner must edit; say what in `note`).',
  'Businesses:note': 'A note for the owner explaining the decision (shown to them; up to 1,000 characters).',
  total: 'How many businesses are registered in all.',
  byArea: 'Counts by kecamatan, size class and status (no personal data).',
  bySector: 'Counts by sector and status.',
  'byArea.count': 'How many businesses fall in this kecamatan, size class and status.',
  'bySector.count': 'How many businesses fall in this sector and status.',
  kecamatanName: 'The kecamatan’s name, e.g. `Bekasi Utara`.',

  // Claims
  code: 'The one-time code from the claim mail or the claim letter (8–12 letters and digits; spaces and hyphens are ignored).',
  'Claims:expiresAt': `When the code stops working. ${INSTANT}`,
  message: 'What to tell the person, in Bahasa Indonesia and English.',
  business: 'The business record, now owned by the caller.',
  notice:
    'The privacy notice the new owner must be shown (UU PDP): why the Dinas held the data and where it came from.',
  'notice.source': 'Where the record came from, or `null`.',
  text: 'The notice, in Bahasa Indonesia and English.',

  // Events
  title: 'Title (3–200 characters for events, 1–200 for surveys).',
  'Events:type': EVENT_TYPE,
  'Events:description': 'What the event is about, for citizens (10–5,000 characters; line breaks kept).',
  start: `When it starts. ${WIB_TIME}`,
  end: `When it ends (after \`start\`). ${WIB_TIME}`,
  venue: 'Where it takes place; absent for online-only events (then `onlineUrl` is given).',
  'venue.name': 'Name of the venue, e.g. `Gedung Juang 45`.',
  'venue.kecamatan': KECAMATAN,
  'venue.kelurahan':
    'Kemendagri code of the venue’s kelurahan, `32.75.CC.NNNN` (optional; within `kecamatan`).',
  onlineUrl: 'https URL of the online session (Zoom, YouTube …), for online or hybrid events.',
  organiser: 'Who organises it (e.g. `Dinas Koperasi dan UKM Kota Bekasi`).',
  registration: 'How to register, when registration is needed.',
  'registration.url': 'https URL of the registration form.',
  deadline: `Last moment to register. ${WIB_TIME}`,
  quota: 'How many participants it takes (absent: no limit).',
  fee: `Participation fee ${RUPIAH}; 0 means free.`,
  eligibility: 'Who may take part (e.g. `UMKM kuliner ber-NIB di Kota Bekasi`).',
  contact: 'Who to ask about the event.',
  'contact.name': 'The contact person’s name.',
  phone: 'The contact’s phone number (digits, spaces, hyphens, optional leading `+`).',
  'contact.email': 'The contact’s e-mail address.',
  'Events:needs': `Which needs the event answers (digest subscribers filter by them). ${NEEDS}`,
  tags: 'Free keywords (up to 20, 1–40 characters each).',
  posterUrl: 'https URL of a poster hosted elsewhere (uploaded posters are in `poster`).',
  'Events:status':
    'State: `draft` (operators only), `published` (public) or `cancelled` (public, with the reason).',
  cancellation: 'Why and when it was cancelled; present on cancelled events.',
  'cancellation.reason': 'The reason, shown to citizens.',
  'cancellation.at': INSTANT,
  'Events:reason':
    'Why the event is cancelled, shown to citizens and mailed to subscribers (5–1,000 characters).',
  publishedAt: INSTANT,
  poster: 'The uploaded poster image; the public pages serve it at `/agenda/{id}/poster`.',
  'poster.key': 'The image’s object key in the files bucket (internal; not a URL).',
  'poster.type': 'The image’s media type: `image/jpeg`, `image/png` or `image/webp`.',
  width: 'Width in pixels.',
  height: 'Height in pixels.',
  bytes: 'Size in bytes (at most 1 MiB).',
  uploadedAt: INSTANT,
  contentType: 'Media type of the image to upload: `image/jpeg`, `image/png` or `image/webp`.',
  'Events:key':
    'The object key the upload goes to, `posters/uploads/{eventId}/{uploadId}`; send it back in `PUT /events/{id}/poster` once uploaded.',
  'Events:method': 'The HTTP method to upload with: `PUT`.',
  'upload.method': 'The HTTP method to upload with: `PUT`.',
  uploadUrl: 'The presigned https URL to PUT the image bytes to (valid until `expiresAt`).',
  headers: 'Headers the upload must carry, exactly as given.',
  'content-type': 'The `Content-Type` header the upload must carry.',
  'Events:expiresAt': `When the upload URL stops working. ${INSTANT}`,
  limits: 'What the image must satisfy, or confirming it answers 422.',
  maxBytes: 'Largest file size in bytes.',
  maxPixels: 'Largest width or height in pixels.',
  minPixels: 'Smallest width or height in pixels.',
  from: `Only events ending at or after this moment (default: now). ${WIB_TIME}`,
  to: `Only events starting before this moment. ${WIB_TIME}`,
  'Events:query.type': `Only events of this kind. ${EVENT_TYPE}`,
  'Events:query.kecamatan': `Only events held in this kecamatan. ${KECAMATAN}`,
  need: `Only events answering this need. ${NEEDS}`,
  'Pages:query.type': `Only events of this kind (empty: all). ${EVENT_TYPE}`,
  'Pages:query.need': `Only events answering this need (empty: all). ${NEEDS}`,
  'Pages:query.kecamatan': `Only events held in this kecamatan (empty: all). ${KECAMATAN}`,
  'Events:query.status': 'Only events in this state: `draft`, `published` or `cancelled`.',

  // Subscriptions
  email: 'E-mail address the digest goes to (lower-cased). Personal data: never shown in public answers.',
  'Subscriptions:name': 'How mails greet the subscriber (optional, up to 100 characters).',
  'Pages:name': 'How mails greet the subscriber (optional, up to 100 characters).',
  language: LANGUAGE,
  lang: LANGUAGE,
  kecamatan: `Only events held in these kecamatan (empty: all). ${KECAMATAN}`,
  types: `Only events of these kinds (empty: all). ${EVENT_TYPE}`,
  needs: `Only events answering these needs (empty: all). ${NEEDS}`,
  'Subscriptions:status':
    'The subscription’s state: `accepted` (a confirmation mail is on its way, whether or not the address was new), `pending` (not confirmed yet), `confirmed`, `unsubscribed`, or `suppressed` (the address bounced or complained; nothing is sent).',
  detail: 'What happens next, for the person (e.g. check your mail).',
  token: TOKEN,
  manageToken:
    'A token to manage the subscription without signing in (`/subscriptions/preferences?token=…`). Keep it private.',
  filters: 'Which events the digest includes; an empty list means all.',
  'List-Unsubscribe': 'RFC 8058 one-click unsubscribe: mail providers send `One-Click`.',
  subscribed: 'Whether the address receives the weekly digest.',
  confirm:
    'How to confirm the unsubscribe (RFC 8058: a POST, so that link scanners do not unsubscribe anyone).',
  'confirm.method': 'The method to send: `POST`.',
  body: 'The form body to send (`application/x-www-form-urlencoded`).',

  // Surveys
  'Surveys:status':
    'State: `draft` (editable, not shown to owners), `published` (open for answers between `opensAt` and `closesAt`), `closed`.',
  revision:
    'The record’s revision: 1 when created, one more on every change. The `ETag` header carries it; send it in `If-Match` to change it.',
  'Surveys:version':
    'The survey version (1, 2 …): a new version starts when a published survey’s questions change; answers name the version they answer.',
  current: 'The published version, with its publication time; absent until the first publication.',
  draft: 'The version being edited, not yet published.',
  'Surveys:description': 'What the survey is for, shown to owners (up to 2,000 characters).',
  opensAt: `When answers open. ${INSTANT}`,
  closesAt: `When answers close (after \`opensAt\`). ${INSTANT}`,
  audience: 'Which businesses are asked; an empty or absent list means all.',
  'audience.kecamatan': `Only businesses in these kecamatan. ${KECAMATAN}`,
  sectors: `Only businesses in these sectors. ${SECTOR}`,
  sizeClasses: `Only businesses of these size classes. ${SIZE}`,
  questions: 'The questions, in the order shown (in results: each with its tally).',
  'questions.key':
    'The question’s key: lower-case letters, digits and `_`, starting with a letter (up to 40); answers are keyed by it.',
  kind: 'The answer type: `single_choice`, `multiple_choice`, `scale` (an integer from `min` to `max`), `number` (an integer, in `unit`), `short_text`.',
  'questions.label': 'The question as shown.',
  help: 'A hint below the question (optional).',
  required: 'Whether an answer is required (when the question is visible).',
  visibleIf: 'Show the question only when another question’s answer is one of `anyOf`.',
  question: 'The key of the question it depends on (an earlier one).',
  anyOf: 'The answers (option keys or numbers) that make the question visible.',
  options: 'The choices, for choice questions (in results: each with how many chose it).',
  'options.key': 'The option’s key (lower-case letters, digits, `_`); answers carry it.',
  'options.label': 'The option as shown.',
  'options.need': `The need an owner declares by choosing this option (feeds \`needs\`). ${NEEDS}`,
  'options.count': 'How many respondents chose it.',
  'options.value': 'The scale value, for scale questions.',
  maxSelections: 'The most options a `multiple_choice` answer may pick.',
  minLabel: 'What the lowest scale value means (e.g. “Sangat tidak puas”).',
  maxLabel: 'What the highest scale value means.',
  'questions.min': 'Smallest allowed answer, for `scale` and `number`.',
  'questions.max': 'Largest allowed answer, for `scale` and `number`.',
  unit: 'Unit of a `number` answer, shown beside the field (e.g. `orang`, `rupiah`).',
  maxLength: 'Longest `short_text` answer in characters (up to 500).',
  questionKeys:
    'Every question key any version of the survey has used (a key is never reused with another meaning).',
  template: 'The template the survey was copied from, if any.',
  createdBy: 'The operator who created it (Cognito subject).',
  closedAt: INSTANT,
  hasDraft: 'Whether an unpublished draft exists.',
  'Surveys:items.opensAt': 'When answers open (the current or draft version), or `null`.',
  'Surveys:items.closesAt': 'When answers close (the current or draft version), or `null`.',
  'Surveys:items.version':
    'The published version, or `null` before the first publication; in exports, the version answered.',
  'Surveys:items': 'The page of items.',
  'Surveys:path.key': 'The template’s key.',
  'Surveys:key': 'The template’s key, e.g. `kebutuhan-umkm`.',
  'Surveys:items.description': 'What the survey or template is for.',
  response: 'The business’s answer to this survey, or `null` when it has not answered yet.',
  answers:
    'Answers keyed by question key: an option key (`single_choice`), a list of option keys (`multiple_choice`), an integer (`scale`, `number`) or a text (`short_text`).',
  'Surveys:needs': `The needs the answers declare (from the options chosen). ${NEEDS}`,
  'surveyResponses.needs': `The needs the answers declare. ${NEEDS}`,
  'surveyResponses.version': 'The survey version the answers are for.',
  'declaredNeeds.needs': `Every need declared in any answer. ${NEEDS}`,
  cell: 'The business’s kecamatan, sector and size class when it answered (results are counted by these).',
  'cell.kecamatan': KECAMATAN,
  assisted: 'Present when an operator answered for a business nobody has claimed yet (field officers).',
  'assisted.by': 'The operator (Cognito subject).',
  'assisted.at': INSTANT,
  answeredAt: INSTANT,
  'Surveys:filters': 'The filters the results were computed with.',
  'Surveys:filters.kecamatan': KECAMATAN,
  'filters.sector': SECTOR,
  'filters.sizeClass': SIZE,
  respondents: 'How many businesses answered (with the filters).',
  answered: 'How many respondents answered this question.',
  stats: 'For `scale` and `number` questions: count, sum, smallest, largest and mean answer.',
  'stats.count': 'How many numeric answers.',
  sum: 'Their sum.',
  'stats.min': 'The smallest answer, or `null` when none.',
  'stats.max': 'The largest answer, or `null` when none.',
  mean: 'The mean answer, or `null` when none.',
  byKecamatan: 'The same results per kecamatan.',
  'byKecamatan.kecamatan': KECAMATAN,
  'Surveys:query.format':
    '`json` (the default, paged) or `csv` (every answer in one file, one column per question key).',
  'Surveys:query.kecamatan': `Only businesses in this kecamatan. ${KECAMATAN}`,
  'Surveys:query.sector': `Only businesses in this sector. ${SECTOR}`,
  'Surveys:query.sizeClass': `Only businesses of this size class. ${SIZE}`,
  'Surveys:query.status': 'Only surveys in this state.',
  'Surveys:items.kecamatan': KECAMATAN,
  'Businesses:filters.kecamatan': `Only businesses in this kecamatan. ${KECAMATAN}`,
  'Businesses:filters.kelurahan': `Only businesses in this kelurahan. ${KELURAHAN}`,
  'Businesses:filters.sector': `Only businesses in this sector. ${SECTOR}`,
  'Businesses:filters.sizeClass': `Only businesses of this size class. ${SIZE}`,
  'Businesses:filters.status': `Only businesses in this state. ${BUSINESS_STATUS}`,
  'Businesses:query.kecamatan': `Only businesses in this kecamatan. ${KECAMATAN}`,
  'Businesses:query.kelurahan': `Only businesses in this kelurahan. ${KELURAHAN}`,
  'Businesses:query.sector': `Only businesses in this sector. ${SECTOR}`,
  'Businesses:query.sizeClass': `Only businesses of this size class. ${SIZE}`,
  'Businesses:query.status': `Only businesses in this state. ${BUSINESS_STATUS}`,
  'Businesses:items.kecamatan': KECAMATAN,
  'Businesses:items.kelurahan': KELURAHAN,
  'byArea.kecamatan': KECAMATAN,
  sizeClass: SIZE,

  // Digest
  'Digest:week': 'The ISO week of the digest, `YYYY-Www` (e.g. `2026-W49`); a re-run adds `-f` and a suffix.',
  'Digest:query.kecamatan': `Preview the digest as a subscriber filtering on this kecamatan sees it. ${KECAMATAN}`,
  'Digest:query.language': `Preview in this language. ${LANGUAGE}`,
  state: 'Where the run is: `planning`, `sending`, `done`, or `skipped` (nothing to send; see `reason`).',
  'Digest:reason': 'Why the run was skipped.',
  scheduledAt: INSTANT,
  startedAt: INSTANT,
  finishedAt: INSTANT,
  events: 'How many events the digest carries.',
  cancellations: 'How many cancellation notices it carries.',
  counters: 'What happened to the mails.',
  planned: 'Mails planned (one per confirmed subscriber whose filters match).',
  sent: 'Mails SES accepted.',
  failed: 'Mails that failed after retries (see the dead-letter queue).',
  suppressed: 'Mails not sent because the address is on the suppression list.',
  skipped: 'Mails not sent because nothing matched the subscriber’s filters.',
  progress: 'How far planning and sending have got.',
  shardsDone: 'Subscriber shards planned so far.',
  shardCount: 'Subscriber shards in all.',
  batchesDone: 'Send batches finished.',
  batchesPlanned: 'Send batches planned.',

  // Lists
  items: 'The page’s items.',
  cursor: 'Pass it back as the `cursor` query parameter for the next page; absent on the last page.',
  'query.cursor': 'The `cursor` a previous page answered; absent for the first page.',
};

/** The entries of `FIELDS` a document built so far has used (a test finds entries nothing uses). */
export const usedFields = new Set<string>();

/**
 * The description of a field named `name` inside `parent` (a field name, `query` or `path`) of a `tag` route
 * (and, for path parameters, of the route's `path`).
 */
export function fieldDescription(
  name: string,
  parent: string | undefined,
  tag: string,
  path?: string,
): string | undefined {
  // A path parameter is named by the segment before it: `/businesses/{id}` is a business’s id.
  const segment = path?.match(new RegExp(`([^/]+)/\\{${name}\\}`))?.[1];
  const inContext = [
    ...(segment ? [`/${segment}/{${name}}`] : []),
    ...(parent ? [`${tag}:${parent}.${name}`, `${parent}.${name}`] : []),
  ];
  for (const key of [...inContext, `${tag}:${name}`, name])
    if (FIELDS[key]) {
      usedFields.add(key);
      return FIELDS[key];
    }
  return undefined;
}

const SUBSCHEMAS = ['items', 'anyOf', 'oneOf', 'allOf', 'additionalProperties', 'prefixItems'] as const;

/** Gives every property of a JSON Schema (at any depth) without a description its entry in `FIELDS`. */
export function describeProperties(schema: JsonSchema, tag: string, parent?: string): JsonSchema {
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  for (const [name, property] of Object.entries(properties ?? {})) {
    if (typeof property.description !== 'string') {
      const description = fieldDescription(name, parent, tag);
      if (description) property.description = description;
    }
    describeProperties(property, tag, name);
  }
  for (const key of SUBSCHEMAS) {
    const value = schema[key];
    for (const child of Array.isArray(value) ? value : [value])
      if (child && typeof child === 'object') describeProperties(child as JsonSchema, tag, parent);
  }
  return schema;
}
