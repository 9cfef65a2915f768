import { recordPersonalDataAccess } from '../audit/store.ts';
import { dataSubjectOf } from '../businesses/access.ts';
import { getBusiness } from '../businesses/store.ts';
import { httpHandler } from '../shared/http.ts';
import { conflict, notFound } from '../shared/problem.ts';
import { expiresAfter } from '../shared/dynamo.ts';
import { hashCode, newCode } from './codes.ts';
import { requireEnv } from '../shared/config.ts';
import { LETTER_POLICY, claimLetterPage } from './letter-view.ts';
import { printClaimLetter } from './routes.ts';
import { LETTER_CODE_SECONDS, putClaimLetter } from './store.ts';

const site = requireEnv('WEB_URL').replace(/\/+$/, '');

/** A new letter code for an unclaimed record, stored hashed; the page carries the only plain copy. */
export const handler = httpHandler(printClaimLetter, async ({ path, caller }) => {
  const business = await getBusiness(path.id);
  if (!business) throw notFound('No such business.');
  if (business.ownerSub !== undefined) throw conflict('This business has an owner already.');
  const nowMs = Date.now();
  const now = new Date(nowMs).toISOString();
  const code = newCode();
  const { expiresAt } = expiresAfter(nowMs, LETTER_CODE_SECONDS);
  // The letter shows the owner's name and address: an operator's read of personal data, recorded first.
  await recordPersonalDataAccess(dataSubjectOf(business), {
    at: now,
    by: caller.sub,
    action: 'read',
    record: { kind: 'business', id: business.id },
  });
  await putClaimLetter({
    businessId: business.id,
    ...hashCode(code),
    issuedBy: caller.sub,
    issuedAt: now,
    attempts: 0,
    expiresAt: expiresAt ?? 0,
  });
  const page = claimLetterPage(business, code, new Date((expiresAt ?? 0) * 1000).toISOString(), site);
  return {
    body: page.value,
    headers: {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-store',
      'Content-Security-Policy': LETTER_POLICY,
    },
  };
});
