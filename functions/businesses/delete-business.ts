import { PERSONAL_DATA } from '../personal-data.ts';
import { httpHandler } from '../shared/http.ts';
import { eraseBusinessData } from '../shared/personal-data.ts';
import { preconditionFailed } from '../shared/problem.ts';
import { ifMatchVersion } from '../shared/versioning.ts';
import { ownedBy } from './access.ts';
import { deleteBusiness } from './routes.ts';
import { eraseBusiness, getBusiness } from './store.ts';

/**
 * Erasure (UU PDP): the record and everything every feature holds about it (survey answers and their
 * counts, the owner's declared needs) go; `If-Match` is honoured when sent.
 */
export const handler = httpHandler(deleteBusiness, async ({ path, caller, headers }) => {
  const expected = ifMatchVersion(headers, false);
  const business = ownedBy(await getBusiness(path.id), caller);
  if (expected !== undefined && business.version !== expected) throw preconditionFailed();
  await eraseBusinessData(PERSONAL_DATA, business, (withRecord) => eraseBusiness(business, withRecord));
  return { status: 204 };
});
