import { tableName } from '../shared/db.ts';
import { claimLetterKey } from '../shared/keys.ts';
import { registerPersonalData } from '../shared/personal-data.ts';

/**
 * Claims hold no personal data beyond what the claimed record holds (the claimant's account id, a code's
 * hash, tries) and expire within a day. A printed letter's item (its code's hash) sits under the business:
 * one printed before the owner claimed by mail goes with the record's erasure.
 */
export const claimsPersonalData = registerPersonalData({
  feature: 'claims',
  holds: 'claim attempts (account id, hashed one-time codes), expiring; a printed letter’s hashed code',
  export: {},
  business: {
    eraseWithRecord: (business) =>
      Promise.resolve([{ Delete: { TableName: tableName, Key: claimLetterKey(business.id) } }]),
  },
});
