import { httpHandler } from '../shared/http.ts';
import { notFound } from '../shared/problem.ts';
import { etag } from '../shared/versioning.ts';
import { verifiedBusiness } from './verification.ts';
import { businessView } from './views.ts';
import { verifyBusiness } from './routes.ts';
import { getBusiness, replaceBusiness } from './store.ts';

export const handler = httpHandler(verifyBusiness, async ({ path, body, caller }) => {
  const before = await getBusiness(path.id);
  if (!before) throw notFound('No such business.');
  const after = verifiedBusiness(before, body, caller, new Date().toISOString());
  await replaceBusiness(before, after);
  return { body: businessView(after), headers: { ETag: etag(after.version) } };
});
