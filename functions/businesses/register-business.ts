import { httpHandler } from '../shared/http.ts';
import { etag } from '../shared/versioning.ts';
import { newBusiness } from './changes.ts';
import { nikGuardOf } from './identity.ts';
import { businessView } from './views.ts';
import { registerBusiness as route } from './registration-routes.ts';
import { registerBusiness } from './store.ts';

export const handler = httpHandler(route, async ({ body, caller }) => {
  const business = newBusiness(body, caller, new Date().toISOString());
  await registerBusiness(business, nikGuardOf(business.owner.nik));
  return {
    status: 201,
    body: businessView(business),
    headers: { Location: `/businesses/${business.id}`, ETag: etag(business.version) },
  };
});
