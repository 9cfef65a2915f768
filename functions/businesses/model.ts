import { derivedId, idTime } from '../shared/ids.ts';
import type { SizeDecision } from './rules.ts';
import type { BusinessFieldsInput } from './registration-schemas.ts';
import type { BusinessStatus } from './vocabulary.ts';

/* A business as stored. Types and pure helpers only: every handler may import this without its schemas. */

export interface Certification {
  id: string;
  type: BusinessFieldsInput['certifications'][number]['type'];
  number: string;
  issuedAt: string;
  expiresAt?: string;
  status: 'claimed' | 'verified' | 'rejected';
  decidedBy?: string;
  decidedAt?: string;
  note?: string;
}

export interface HistoryEntry {
  at: string;
  by: string;
  role: 'owner' | 'operator';
  action: 'registered' | 'imported' | 'claimed' | 'edited' | 'resubmitted' | 'decision' | 'certification';
  decision?: string;
  certificationId?: string;
  note?: string;
  /** Names of the fields an edit changed (never their values). */
  fields?: string[];
}

/**
 * Why the Dinas may process a record (UU PDP Pasal 20): the owner's consent at self-registration, or the
 * Dinas's public task for records it already held and imported.
 */
export type LegalBasis = 'consent' | 'public-task';

/** Where a record came from when the owner did not register it: a row of an import file. */
export interface BusinessSource {
  kind: 'import';
  importId: string;
  /** The row number in the file (1 is the first data row). */
  row: number;
  /** The source label the operator gave the import (e.g. "Pendataan 2023"). */
  label?: string;
}

export type Business = Omit<BusinessFieldsInput, 'certifications'> & {
  id: string;
  /** The owner's account; absent on an imported record nobody has claimed yet. */
  ownerSub?: string;
  status: BusinessStatus;
  size: SizeDecision;
  certifications: Certification[];
  /** The privacy notice the owner accepted: at registration, or when claiming an imported record. */
  consent?: { privacyNoticeVersion: string; acceptedAt: string };
  /** Absent on records written before imports existed: those are all `consent`. */
  legalBasis?: LegalBasis;
  source?: BusinessSource;
  /** When an owner claimed the imported record (`ownerSub` set then). */
  claimedAt?: string;
  history: HistoryEntry[];
  version: number;
  createdAt: string;
  updatedAt: string;
};

/** History kept on a record: the newest entries, so that a record never outgrows DynamoDB's item size. */
const HISTORY_LIMIT = 200;

export const appendHistory = (history: HistoryEntry[], ...entries: HistoryEntry[]) =>
  [...history, ...entries].slice(-HISTORY_LIMIT);

/** A business with an owner account (self-registered, or imported and claimed). */
export type OwnedBusiness = Business & { ownerSub: string };

export const isOwned = (business: Business): business is OwnedBusiness => business.ownerSub !== undefined;

export const legalBasisOf = (business: Business): LegalBasis => business.legalBasis ?? 'consent';

/** The reference of an imported row, printed on claim letters and accepted by a claim instead of the NIB. */
export const importReference = (source: { importId: string; row: number }) =>
  `${source.importId}-${source.row}`;

/**
 * An imported row's record id: derived from its import reference (and timed like the import), so that a
 * row written again (a chunk delivered twice) names the record it wrote before, and a reference names
 * its record without an index item.
 */
export const importedBusinessId = (source: { importId: string; row: number }): string =>
  derivedId(idTime(source.importId), importReference(source));
