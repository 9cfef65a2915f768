import { personalDataAccessItem, type PersonalDataAccess } from '../audit/store.ts';
import type { Caller } from '../shared/auth.ts';
import type { TransactItem } from '../shared/dynamo.ts';
import { notFound } from '../shared/problem.ts';
import type { Business, OwnedBusiness } from './model.ts';

/** The record if the caller may see it: its owner, or an operator. Anyone else gets the same 404. */
export function visibleTo(business: Business | undefined, caller: Caller): Business {
  if (!business || (business.ownerSub !== caller.sub && !caller.isOperator))
    throw notFound('No such business.');
  return business;
}

/** Only the owner (erasure). */
export function ownedBy(business: Business | undefined, caller: Caller): OwnedBusiness {
  if (!business || business.ownerSub !== caller.sub) throw notFound('No such business.');
  return { ...business, ownerSub: caller.sub };
}

/**
 * The access record a change by someone other than the owner (an operator) writes with the change: the
 * answer hands the owner's personal data (NIK, phone, email) to that operator. None for the owner.
 */
export function accessRecordOf(
  business: Business,
  caller: Caller,
  action: PersonalDataAccess['action'],
  at: string,
): TransactItem[] {
  if (caller.sub === business.ownerSub) return [];
  return [
    personalDataAccessItem(dataSubjectOf(business), {
      at,
      by: caller.sub,
      action,
      record: { kind: 'business', id: business.id },
    }),
  ];
}

/**
 * Whose data a record is, for the records of operators' reads (UU PDP): its owner's account, or for an
 * imported record nobody has claimed yet a subject named after the record.
 */
export const dataSubjectOf = (business: Business): string => business.ownerSub ?? `unclaimed-${business.id}`;

/**
 * Who may answer surveys for a business: its owner; or, for an imported record nobody has claimed, an
 * operator on the business's behalf (field officers; recorded as assisted). Anyone else gets the same 404.
 */
export function answerableBy(
  business: Business | undefined,
  caller: Caller,
): { business: Business; assisted: boolean } {
  if (business && business.ownerSub === caller.sub) return { business, assisted: false };
  if (business && business.ownerSub === undefined && caller.isOperator) return { business, assisted: true };
  throw notFound('No such business.');
}
