import { httpHandler } from '../shared/http.ts';
import { notFound, preconditionFailed } from '../shared/problem.ts';
import { etag, ifMatchVersion } from '../shared/versioning.ts';
import { accessRecordOf } from './access.ts';
import { verifiedBusiness } from './verification.ts';
import { businessView } from './views.ts';
import { verifyBusiness } from './routes.ts';
import { getBusiness, replaceBusiness } from './store.ts';

export const handler = httpHandler(verifyBusiness, async ({ path, body, caller, headers }) => {
  const before = await getBusiness(path.id);
  if (!before) throw notFound('No such business.');
  // A decision holds for the version the operator reviewed (428 without If-Match, 412 if it changed since).
  if (before.version !== ifMatchVersion(headers, true)) throw preconditionFailed();
  const now = new Date().toISOString();
  const after = verifiedBusiness(before, body, caller, now);
  // The answer shows the owner's personal data: its access record is written with the decision.
  await replaceBusiness(before, after, accessRecordOf(after, caller, 'verify', now));
  return { body: businessView(after), headers: { ETag: etag(after.version) } };
});
