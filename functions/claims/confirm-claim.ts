import { getBusiness } from '../businesses/store.ts';
import { httpHandler } from '../shared/http.ts';
import { conflict, notFound } from '../shared/problem.ts';
import { codeRefused, takeOwnership } from './claim.ts';
import { codeMatches } from './codes.ts';
import { confirmClaim } from './routes.ts';
import { MAX_ATTEMPTS, claimUsed, findClaim, spendClaimAttempt } from './store.ts';

/** Checks a mailed code (one try spent first, so parallel guesses cannot pass the cap) and hands over. */
export const handler = httpHandler(confirmClaim, async ({ path, body, caller }) => {
  const claim = await findClaim(path.id);
  if (!claim || claim.sub !== caller.sub) throw notFound('No such claim.');
  if (!(await spendClaimAttempt(claim.id, Date.now())))
    throw conflict('This claim has expired, was used or has no tries left: start a new claim.');
  if (!claim.businessId || !codeMatches(claim, body.code))
    throw codeRefused(MAX_ATTEMPTS - claim.attempts - 1);
  const business = await getBusiness(claim.businessId);
  if (!business || business.ownerSub !== undefined)
    throw conflict('This business was claimed or removed meanwhile.');
  const result = await takeOwnership(business, caller.sub, claimUsed(claim.id, new Date().toISOString()));
  return { body: result, headers: { 'Cache-Control': 'private, no-store' } };
});
