import { businessView } from '../businesses/views.ts';
import { listOwnerBusinesses } from '../businesses/store.ts';
import { httpHandler } from '../shared/http.ts';
import { getMyData } from './routes.ts';

/** UU PDP right of access: every record held about the caller, unmasked (it is theirs). */
export const handler = httpHandler(getMyData, async ({ caller }) => ({
  body: {
    subject: caller.sub,
    generatedAt: new Date().toISOString(),
    businesses: (await listOwnerBusinesses(caller.sub)).map(businessView),
  },
  headers: { 'Cache-Control': 'private, no-store' },
}));
