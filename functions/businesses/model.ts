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
  action: 'registered' | 'edited' | 'resubmitted' | 'decision' | 'certification';
  decision?: string;
  certificationId?: string;
  note?: string;
  /** Names of the fields an edit changed (never their values). */
  fields?: string[];
}

export type Business = Omit<BusinessFieldsInput, 'certifications'> & {
  id: string;
  ownerSub: string;
  status: BusinessStatus;
  size: SizeDecision;
  certifications: Certification[];
  consent: { privacyNoticeVersion: string; acceptedAt: string };
  history: HistoryEntry[];
  version: number;
  createdAt: string;
  updatedAt: string;
};

/** History kept on a record: the newest entries, so that a record never outgrows DynamoDB's item size. */
const HISTORY_LIMIT = 200;

export const appendHistory = (history: HistoryEntry[], ...entries: HistoryEntry[]) =>
  [...history, ...entries].slice(-HISTORY_LIMIT);
