import { httpHandler } from '../shared/http.ts';
import { preconditionFailed } from '../shared/problem.ts';
import { etag, ifMatchVersion } from '../shared/versioning.ts';
import { accessRecordOf, visibleTo } from './access.ts';
import { patchedBusiness } from './changes.ts';
import { businessView } from './views.ts';
import { updateBusiness } from './registration-routes.ts';
import { nikGuardOf } from './identity.ts';
import { dropFreeNikGuard, getBusiness, replaceBusiness } from './store.ts';

export const handler = httpHandler(updateBusiness, async ({ path, body, caller, headers }) => {
  // Ownership first: someone else's business is a 404 whatever else is wrong with the request.
  const before = visibleTo(await getBusiness(path.id), caller);
  if (before.version !== ifMatchVersion(headers, true)) throw preconditionFailed();
  const now = new Date().toISOString();
  const after = patchedBusiness(before, body, caller, now);
  // An operator's answer shows the owner's personal data: recorded with the change, in one transaction.
  const nik =
    before.owner.nik === after.owner.nik
      ? undefined
      : { claim: nikGuardOf(after.owner.nik), release: nikGuardOf(before.owner.nik) };
  await replaceBusiness(before, after, accessRecordOf(after, caller, 'update', now), nik);
  if (nik) await dropFreeNikGuard(nik.release);
  return { body: businessView(after), headers: { ETag: etag(after.version) } };
});
