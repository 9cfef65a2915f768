import * as z from 'zod/mini';
import { KECAMATAN_CODE, KELURAHAN_CODE } from '../regions/codes.ts';
import { isKecamatan, kelurahanBelongsTo } from '../regions/membership.ts';
import { normaliseEmail } from '../shared/validation.ts';
import { freeText } from '../shared/text.ts';
import { httpsUrl } from '../shared/url.ts';
import { nikProblems, normaliseMobile, normaliseNpwp, normaliseRtRw } from './rules.ts';
import { CERTIFICATION_TYPES, LEGAL_FORMS, PRIVACY_NOTICE_VERSION, SECTORS } from './vocabulary.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_RUPIAH = 1_000_000_000_000_000; // Rp1 kuadriliun: far above any UMKM, below float imprecision.

const text = (max: number) => freeText({ max });
/**
 * A whole number. (`z.int()` aborts the whole parse on a fraction, which would hide the cross-field
 * errors; `multipleOf(1)` reports it like any other field error.)
 */
const whole = (min: number, max: number) => z.number().check(z.multipleOf(1), z.minimum(min), z.maximum(max));
const rupiah = () => whole(0, MAX_RUPIAH);
const isoDate = () =>
  z.string().check(
    z.regex(DATE, { error: 'Must be a date like 2024-05-17.' }),
    z.refine(
      (value) =>
        !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
        new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
      {
        error: 'Must be a real calendar date.',
      },
    ),
  );
const rtRw = () =>
  z.pipe(
    z.string().check(z.regex(/^\d{1,3}$/, { error: 'Must be 1 to 3 digits.' })),
    z.transform(normaliseRtRw),
  );

const mobile = z.pipe(
  z.string().check(
    z.maxLength(24),
    z.refine((value) => normaliseMobile(value) !== undefined, {
      error: 'Must be an Indonesian mobile number (08…, 628… or +628…).',
    }),
  ),
  z.transform((value) => normaliseMobile(value) ?? value),
);

const email = z.pipe(z.string().check(z.trim(), z.maxLength(254), z.email()), z.transform(normaliseEmail));

const npwp = z.pipe(
  z.string().check(
    z.maxLength(24),
    z.refine((value) => normaliseNpwp(value) !== undefined, {
      error: 'Must be 16 digits (or a 15-digit legacy NPWP).',
    }),
  ),
  z.transform((value) => normaliseNpwp(value) ?? value),
);

const ownerFields = {
  fullName: text(120),
  nik: z.string().check(z.regex(/^\d{16}$/, { error: 'A NIK has 16 digits.' })),
  gender: z.enum(['female', 'male']),
  dateOfBirth: isoDate(),
  mobile,
  address: z.strictObject({
    kelurahan: z
      .string()
      .check(z.regex(KELURAHAN_CODE, { error: 'Must be a Kemendagri kelurahan code like 32.75.01.1001.' })),
    rt: rtRw(),
    rw: rtRw(),
    street: text(200),
  }),
};

/** The owner as a registration (or a PATCH replacing the owner) gives it: with an email. */
const Owner = z.strictObject({ ...ownerFields, email });

/**
 * The owner as a stored record may hold it: an imported record's email may be missing (the Dinas's
 * spreadsheets often have none; such owners claim by letter). Registration and a PATCH replacing the
 * owner still require one, so only an import can leave it out.
 */
const RecordOwner = z.strictObject({ ...ownerFields, email: z.optional(email) });

const BusinessAddress = z.strictObject({
  kecamatan: z
    .string()
    .check(z.regex(KECAMATAN_CODE, { error: 'Must be a Kota Bekasi kecamatan code like 32.75.01.' })),
  kelurahan: z
    .string()
    .check(z.regex(KELURAHAN_CODE, { error: 'Must be a kelurahan code like 32.75.01.1001.' })),
  rt: rtRw(),
  rw: rtRw(),
  street: text(200),
  coordinates: z.optional(
    z.strictObject({
      // Kota Bekasi lies within about 6.15–6.40 °S, 106.90–107.05 °E; a little margin either way.
      lat: z.number().check(z.minimum(-6.5), z.maximum(-6.1)),
      lng: z.number().check(z.minimum(106.85), z.maximum(107.1)),
    }),
  ),
});

const Product = z.strictObject({
  name: text(120),
  description: z.optional(freeText({ max: 500, multiline: true })),
  priceMin: rupiah(),
  priceMax: rupiah(),
});

const SalesChannels = z.strictObject({
  offline: z.boolean(),
  marketplaces: z.optional(
    z.array(z.strictObject({ name: text(60), url: httpsUrl(500) })).check(z.maxLength(10)),
  ),
  social: z.optional(
    z.array(z.strictObject({ platform: text(40), url: httpsUrl(500) })).check(z.maxLength(10)),
  ),
});

const CertificationClaim = z.strictObject({
  type: z.enum(CERTIFICATION_TYPES),
  number: text(60),
  issuedAt: isoDate(),
  expiresAt: z.optional(isoDate()),
});

/** The business fields an owner declares (and may change later with PATCH). */
const businessFields = {
  owner: Owner,
  name: text(150),
  legalForm: z.enum(LEGAL_FORMS),
  nib: z.optional(z.string().check(z.regex(/^\d{13}$/, { error: 'An NIB has 13 digits.' }))),
  npwp: z.optional(npwp),
  kbli: z.array(z.string().check(z.regex(/^\d{5}$/, { error: 'A KBLI 2020 code has 5 digits.' }))).check(
    z.minLength(1),
    z.maxLength(10),
    z.refine((codes) => new Set(codes).size === codes.length, { error: 'KBLI codes must not repeat.' }),
  ),
  sector: z.enum(SECTORS),
  yearStarted: whole(1900, 2100),
  address: BusinessAddress,
  workers: whole(0, 100_000),
  capital: rupiah(),
  annualSales: rupiah(),
  products: z.array(Product).check(z.maxLength(50)),
  salesChannels: SalesChannels,
  certifications: z.array(CertificationClaim).check(z.maxLength(20)),
};

type Issue = { path: PropertyKey[]; message: string };

/** Rules that span fields, checked even when other fields are bad so that every error comes at once. */
function crossFieldIssues(value: Record<string, unknown>, currentYear: number): Issue[] {
  const issues: Issue[] = [];
  const owner = value.owner as { nik?: unknown; dateOfBirth?: unknown; gender?: unknown } | undefined;
  if (owner && typeof owner.nik === 'string' && /^\d{16}$/.test(owner.nik)) {
    const dob =
      typeof owner.dateOfBirth === 'string' && DATE.test(owner.dateOfBirth) ? owner.dateOfBirth : undefined;
    const gender = owner.gender === 'female' || owner.gender === 'male' ? owner.gender : undefined;
    for (const message of nikProblems(owner.nik, dob, gender))
      issues.push({ path: ['owner', 'nik'], message });
  }
  const address = value.address as { kecamatan?: unknown; kelurahan?: unknown } | undefined;
  if (address && typeof address.kecamatan === 'string' && KECAMATAN_CODE.test(address.kecamatan)) {
    if (!isKecamatan(address.kecamatan)) {
      issues.push({ path: ['address', 'kecamatan'], message: 'Kota Bekasi has no such kecamatan.' });
    } else if (
      typeof address.kelurahan === 'string' &&
      !kelurahanBelongsTo(address.kelurahan, address.kecamatan)
    ) {
      issues.push({
        path: ['address', 'kelurahan'],
        message: 'This kelurahan does not lie in the kecamatan given.',
      });
    }
  }
  if (typeof value.yearStarted === 'number' && value.yearStarted > currentYear) {
    issues.push({ path: ['yearStarted'], message: 'Must not be in the future.' });
  }
  if (Array.isArray(value.products)) {
    value.products.forEach((product: { priceMin?: unknown; priceMax?: unknown }, index) => {
      if (
        typeof product?.priceMin === 'number' &&
        typeof product.priceMax === 'number' &&
        product.priceMin > product.priceMax
      ) {
        issues.push({ path: ['products', index, 'priceMax'], message: 'Must not be below priceMin.' });
      }
    });
  }
  if (Array.isArray(value.certifications)) {
    value.certifications.forEach((claim: { issuedAt?: unknown; expiresAt?: unknown }, index) => {
      if (
        typeof claim?.issuedAt === 'string' &&
        typeof claim.expiresAt === 'string' &&
        claim.expiresAt < claim.issuedAt
      ) {
        issues.push({
          path: ['certifications', index, 'expiresAt'],
          message: 'Must not be before issuedAt.',
        });
      }
    });
  }
  return issues;
}

const crossFieldCheck = z.superRefine(
  (value: Record<string, unknown>, context) => {
    if (!value || typeof value !== 'object') return;
    for (const issue of crossFieldIssues(value, new Date().getUTCFullYear())) {
      context.addIssue({ code: 'custom', path: issue.path, message: issue.message, input: value });
    }
  },
  // Run even when other fields failed: every field error is reported at once.
  { when: () => true },
);

export const RegisterBusiness = z
  .strictObject({
    ...businessFields,
    consent: z.strictObject({
      privacyNoticeVersion: z.literal(PRIVACY_NOTICE_VERSION, {
        error: `Must be the current privacy notice, ${PRIVACY_NOTICE_VERSION}.`,
      }),
      accepted: z.literal(true, { error: 'Registration needs your consent to the privacy notice.' }),
    }),
  })
  .check(crossFieldCheck);

/** PATCH: any of the declared fields, each replacing the whole value; status and verification are not here. */
export const UpdateBusiness = z.strictObject(
  Object.fromEntries(Object.entries(businessFields).map(([name, schema]) => [name, z.optional(schema)])) as {
    [K in keyof typeof businessFields]: z.ZodMiniOptional<(typeof businessFields)[K]>;
  },
);

/**
 * A whole record's fields: a PATCH merged onto the stored record is checked as a whole again, and an
 * imported row is checked with it (the owner's email optional: see `RecordOwner`).
 */
export const BusinessFields = z
  .strictObject({ ...businessFields, owner: RecordOwner })
  .check(crossFieldCheck);

export type RegisterBusinessInput = z.output<typeof RegisterBusiness>;
export type BusinessFieldsInput = z.output<typeof BusinessFields>;
export type UpdateBusinessInput = z.output<typeof UpdateBusiness>;
