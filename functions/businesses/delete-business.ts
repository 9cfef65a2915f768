import { nikNameGuardRelease } from '../imports/nik-name.ts';
import { PERSONAL_DATA } from '../personal-data.ts';
import { httpHandler } from '../shared/http.ts';
import { eraseBusinessData } from '../shared/personal-data.ts';
import { preconditionFailed } from '../shared/problem.ts';
import { ifMatchVersion } from '../shared/versioning.ts';
import { ownedBy } from './access.ts';
import { deleteBusiness } from './routes.ts';
import { nikGuardOf } from './identity.ts';
import { dropFreeNikGuard, eraseBusiness, getBusiness } from './store.ts';

/**
 * Erasure (UU PDP): the record and everything every feature holds about it (survey answers and their
 * counts, the owner's declared needs) go; `If-Match` is honoured when sent. An imported record's NIK +
 * name guard (keyed by the identity secret, so deleted here beside the NIK guard) goes in the record's own
 * transaction, read afresh on each attempt.
 */
export const handler = httpHandler(deleteBusiness, async ({ path, caller, headers }) => {
  const expected = ifMatchVersion(headers, false);
  const business = ownedBy(await getBusiness(path.id), caller);
  if (expected !== undefined && business.version !== expected) throw preconditionFailed();
  const nikGuard = nikGuardOf(business.owner.nik);
  await eraseBusinessData(PERSONAL_DATA, business, async (withRecord) =>
    eraseBusiness(business, nikGuard, [...withRecord, ...(await nikNameGuardRelease(business))]),
  );
  // The NIK is free again once none of the owner's businesses uses it.
  await dropFreeNikGuard(nikGuard);
  return { status: 204 };
});
