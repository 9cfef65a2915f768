import { recordPersonalDataAccess } from '../audit/store.ts';
import { httpHandler } from '../shared/http.ts';
import { etag } from '../shared/versioning.ts';
import { dataSubjectOf, visibleTo } from './access.ts';
import { businessView } from './views.ts';
import { getBusiness as route } from './routes.ts';
import { getBusiness } from './store.ts';

export const handler = httpHandler(route, async ({ path, caller }) => {
  const business = visibleTo(await getBusiness(path.id), caller);
  if (caller.sub !== business.ownerSub) {
    await recordPersonalDataAccess(dataSubjectOf(business), {
      at: new Date().toISOString(),
      by: caller.sub,
      action: 'read',
      record: { kind: 'business', id: business.id },
    });
  }
  return {
    body: businessView(business),
    headers: { ETag: etag(business.version), 'Cache-Control': 'private, no-store' },
  };
});
