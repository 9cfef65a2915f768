import { httpHandler } from '../shared/http.ts';
import { preconditionFailed } from '../shared/problem.ts';
import { ifMatchVersion } from '../shared/versioning.ts';
import { ownedBy } from './access.ts';
import { deleteBusiness } from './routes.ts';
import { eraseBusiness, getBusiness } from './store.ts';

/** Erasure (UU PDP): the record and everything tied to it go; `If-Match` is honoured when sent. */
export const handler = httpHandler(deleteBusiness, async ({ path, caller, headers }) => {
  const expected = ifMatchVersion(headers, false);
  const business = ownedBy(await getBusiness(path.id), caller);
  if (expected !== undefined && business.version !== expected) throw preconditionFailed();
  await eraseBusiness(business);
  return { status: 204 };
});
