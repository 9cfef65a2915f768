import { findBusinessBy } from '../businesses/store.ts';
import { httpHandler } from '../shared/http.ts';
import { claimable, namedBy, targetOf } from './claim.ts';
import { hashCode, newCode } from './codes.ts';
import { startClaim } from './routes.ts';
import { openClaim } from './store.ts';

/**
 * Opens a claim. When the details match a record nobody owns and it has an email, the code goes there;
 * otherwise the claim holds a code nobody knows. Either way the same reads and one transaction happen, and
 * the caller gets the same answer.
 */
export const handler = httpHandler(startClaim, async ({ body, caller }) => {
  const named = namedBy(body);
  const business = await findBusinessBy(named);
  const code = newCode();
  // A record without email (imported from a sheet that had none) is claimed by letter only: no code goes out.
  const email = claimable(business, body.nik) ? business.owner.email : undefined;
  const match = email ? business : undefined;
  const claim = await openClaim({
    sub: caller.sub,
    target: targetOf(named),
    code: hashCode(code),
    businessId: match?.id,
    mail: match && email ? { email, code, businessName: match.name } : undefined,
    nowMs: Date.now(),
  });
  return {
    status: 202,
    body: {
      claimId: claim.id,
      expiresAt: new Date(claim.expiresAt * 1000).toISOString(),
      message: {
        id: 'Jika data yang Anda berikan cocok dengan data usaha di Dinas dan alamat email tercatat, kode sekali pakai telah dikirim ke email tersebut. Jika tidak ada email, mintalah surat klaim ke Dinas Koperasi dan UKM.',
        en: 'If your details match a business the Dinas holds and an email is on record, a one-time code was sent there. If there is no email, ask the Dinas Koperasi dan UKM for a claim letter.',
      },
    },
    headers: { 'Cache-Control': 'no-store' },
  };
});
