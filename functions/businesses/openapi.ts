import * as z from 'zod/mini';
import { Page } from '../shared/paging.ts';
import { SIZE_CLASSES } from './rules.ts';
import { BUSINESS_STATUSES, CERTIFICATION_TYPES, LEGAL_FORMS, SECTORS } from './vocabulary.ts';

/*
 * Response shapes of the business routes, for the OpenAPI document only: `functions/routes.ts` attaches
 * them to the rows, so that no handler bundle carries them.
 */

const Address = z.object({ kelurahan: z.string(), rt: z.string(), rw: z.string(), street: z.string() });

/** The full record, as its owner and operators see it (response shape). */
export const BusinessView = z.object({
  id: z.string(),
  ownerId: z.optional(z.string()),
  status: z.enum(BUSINESS_STATUSES),
  version: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  owner: z.object({
    fullName: z.string(),
    nik: z.string(),
    gender: z.enum(['female', 'male']),
    dateOfBirth: z.string(),
    mobile: z.string(),
    email: z.optional(z.string()),
    address: Address,
  }),
  name: z.string(),
  legalForm: z.enum(LEGAL_FORMS),
  nib: z.optional(z.string()),
  npwp: z.optional(z.string()),
  kbli: z.array(z.string()),
  sector: z.enum(SECTORS),
  yearStarted: z.int(),
  address: z.object({
    kecamatan: z.string(),
    kelurahan: z.string(),
    rt: z.string(),
    rw: z.string(),
    street: z.string(),
    coordinates: z.optional(z.object({ lat: z.number(), lng: z.number() })),
  }),
  workers: z.int(),
  capital: z.int(),
  annualSales: z.int(),
  size: z.object({
    class: z.enum(SIZE_CLASSES),
    rule: z.enum(['capital', 'annualSales']),
    basis: z.string(),
  }),
  products: z.array(
    z.object({ name: z.string(), description: z.optional(z.string()), priceMin: z.int(), priceMax: z.int() }),
  ),
  salesChannels: z.object({
    offline: z.boolean(),
    marketplaces: z.optional(z.array(z.object({ name: z.string(), url: z.string() }))),
    social: z.optional(z.array(z.object({ platform: z.string(), url: z.string() }))),
  }),
  certifications: z.array(
    z.object({
      id: z.string(),
      type: z.enum(CERTIFICATION_TYPES),
      number: z.string(),
      issuedAt: z.string(),
      expiresAt: z.optional(z.string()),
      status: z.enum(['claimed', 'verified', 'rejected']),
      decidedBy: z.optional(z.string()),
      decidedAt: z.optional(z.string()),
      note: z.optional(z.string()),
    }),
  ),
  consent: z.optional(z.object({ privacyNoticeVersion: z.string(), acceptedAt: z.string() })),
  legalBasis: z.optional(z.enum(['consent', 'public-task'])),
  source: z.optional(
    z.object({
      kind: z.literal('import'),
      importId: z.string(),
      row: z.number(),
      label: z.optional(z.string()),
    }),
  ),
  claimedAt: z.optional(z.string()),
  history: z.array(
    z.object({
      at: z.string(),
      by: z.string(),
      role: z.enum(['owner', 'operator']),
      action: z.enum([
        'registered',
        'imported',
        'claimed',
        'edited',
        'resubmitted',
        'decision',
        'certification',
      ]),
      decision: z.optional(z.string()),
      certificationId: z.optional(z.string()),
      note: z.optional(z.string()),
      fields: z.optional(z.array(z.string())),
    }),
  ),
});

const BusinessListItem = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(BUSINESS_STATUSES),
  sector: z.enum(SECTORS),
  sizeClass: z.enum(SIZE_CLASSES),
  kecamatan: z.string(),
  kelurahan: z.string(),
  ownerName: z.string(),
  nikMasked: z.string(),
  certifications: z.array(z.object({ type: z.enum(CERTIFICATION_TYPES), status: z.string() })),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const BusinessStats = z.object({
  total: z.int(),
  byArea: z.array(
    z.object({
      kecamatan: z.string(),
      kecamatanName: z.string(),
      sizeClass: z.enum(SIZE_CLASSES),
      status: z.enum(BUSINESS_STATUSES),
      count: z.int(),
    }),
  ),
  bySector: z.array(z.object({ sector: z.enum(SECTORS), status: z.enum(BUSINESS_STATUSES), count: z.int() })),
});

/** Response schema per route id. */
export const businessResponses = {
  registerBusiness: BusinessView,
  listMyBusinesses: z.object({ items: z.array(BusinessView) }),
  getBusiness: BusinessView,
  updateBusiness: BusinessView,
  verifyBusiness: BusinessView,
  listBusinesses: Page(BusinessListItem),
  businessStats: BusinessStats,
  getMyData: z.object({
    subject: z.string(),
    generatedAt: z.string(),
    businesses: z.array(BusinessView),
    subscription: z.nullable(z.record(z.string(), z.unknown())),
    personalDataAccess: z.array(
      z.object({
        at: z.string(),
        by: z.string(),
        action: z.enum(['read', 'update', 'verify']),
        record: z.object({ kind: z.literal('business'), id: z.string() }),
      }),
    ),
  }),
};
