import { httpHandler } from '../shared/http.ts';
import { preconditionFailed } from '../shared/problem.ts';
import { ifMatchVersion } from '../shared/versioning.ts';
import { eraseResponses, withNeedsErased } from '../surveys/erasure.ts';
import { ownedBy } from './access.ts';
import { deleteBusiness } from './routes.ts';
import { eraseBusiness, getBusiness } from './store.ts';

/**
 * Erasure (UU PDP): the record and everything tied to it go, its survey responses (and their counts) and
 * its declared needs included; `If-Match` is honoured when sent.
 */
export const handler = httpHandler(deleteBusiness, async ({ path, caller, headers }) => {
  const expected = ifMatchVersion(headers, false);
  const business = ownedBy(await getBusiness(path.id), caller);
  if (expected !== undefined && business.version !== expected) throw preconditionFailed();
  await eraseResponses(business.id);
  await withNeedsErased(business, (extra) => eraseBusiness(business, extra));
  return { status: 204 };
});
