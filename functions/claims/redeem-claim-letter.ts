import { findBusinessBy } from '../businesses/store.ts';
import { httpHandler } from '../shared/http.ts';
import { newId } from '../shared/ids.ts';
import { claimable, codeRefused, namedBy, takeOwnership, targetOf } from './claim.ts';
import { codeMatches } from './codes.ts';
import { redeemClaimLetter } from './routes.ts';
import { countLetterAttempt, findClaimLetter, letterUsed, spendLetterAttempt } from './store.ts';

/**
 * Claims with a printed letter's code. The attempt is counted first (per account and per NIB/reference,
 * 429 past the caps); every mismatch (nothing on file, another NIK, no letter, a wrong or spent code) gets
 * the same 422.
 */
export const handler = httpHandler(redeemClaimLetter, async ({ body, caller }) => {
  const named = namedBy(body);
  const nowMs = Date.now();
  await countLetterAttempt(caller.sub, targetOf(named), nowMs);
  const business = await findBusinessBy(named);
  const letter = await findClaimLetter(business?.id ?? newId(nowMs));
  if (!claimable(business, body.nik) || !letter) throw codeRefused();
  if (!(await spendLetterAttempt(business.id, nowMs)) || !codeMatches(letter, body.code)) throw codeRefused();
  const result = await takeOwnership(business, caller.sub, letterUsed(business.id));
  return { body: result, headers: { 'Cache-Control': 'private, no-store' } };
});
