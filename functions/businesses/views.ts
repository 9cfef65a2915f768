import { maskNik } from './rules.ts';
import type { Business } from './model.ts';

/* What callers see of a business; kept apart from the record rules so that read-only handlers stay small. */

/** The full record as its owner and operators see it. */
export function businessView(business: Business) {
  const { ownerSub, ...rest } = business;
  return { ...rest, ownerId: ownerSub };
}

/** A row of an operator's list: no contact details or money figures, and the NIK masked. */
export function businessListItem(business: Business) {
  return {
    id: business.id,
    name: business.name,
    status: business.status,
    sector: business.sector,
    sizeClass: business.size.class,
    kecamatan: business.address.kecamatan,
    kelurahan: business.address.kelurahan,
    ownerName: business.owner.fullName,
    nikMasked: maskNik(business.owner.nik),
    certifications: business.certifications.map(({ type, status }) => ({ type, status })),
    createdAt: business.createdAt,
    updatedAt: business.updatedAt,
  };
}
