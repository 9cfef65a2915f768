import type { Language } from './schemas.ts';

/* A subscriber as stored, and the outbox mail that confirms it. Types and pure helpers only. */

/** `suppressed`: SES reported a hard bounce, a complaint, or repeated soft bounces (digest feedback). */
export type SubscriberStatus = 'pending' | 'confirmed' | 'unsubscribed' | 'suppressed';

export interface Filters {
  kecamatan: string[];
  types: string[];
  needs: string[];
}

export interface SubscriberRecord {
  email?: string;
  name?: string;
  language: Language;
  filters: Filters;
  status: SubscriberStatus;
  createdAt: string;
  updatedAt: string;
  confirmedAt?: string;
  /** The Cognito sub of the owner who subscribed from their account (`/me/subscription`). */
  ownerSub?: string;
}

export interface Preferences {
  name?: string | undefined;
  language: Language;
  filters: Filters;
}

/** The outbox item the mailer reads from the stream (its NEW_IMAGE). */
export interface OutboxMail {
  kind: 'confirm';
  subscriberId: string;
  email: string;
  name?: string;
  language: Language;
  createdAt: string;
}

/** Filters as stored: every list present, empty meaning "all". */
export const filtersOf = (input: { kecamatan?: string[]; types?: string[]; needs?: string[] }): Filters => ({
  kecamatan: input.kecamatan ?? [],
  types: input.types ?? [],
  needs: input.needs ?? [],
});
