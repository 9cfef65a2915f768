import { httpHandler } from '../shared/http.ts';
import { businessView } from './views.ts';
import { listMyBusinesses } from './routes.ts';
import { listOwnerBusinesses } from './store.ts';

export const handler = httpHandler(listMyBusinesses, async ({ caller }) => ({
  body: { items: (await listOwnerBusinesses(caller.sub)).map(businessView) },
  headers: { 'Cache-Control': 'private, no-store' },
}));
