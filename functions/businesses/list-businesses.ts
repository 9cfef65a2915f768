import { httpHandler } from '../shared/http.ts';
import { pageBody } from '../shared/paging.ts';
import { businessListItem } from './views.ts';
import { listBusinesses as route } from './routes.ts';
import { listBusinesses } from './store.ts';

export const handler = httpHandler(route, async ({ query }) => {
  const { limit, cursor, ...filters } = query;
  const page = await listBusinesses(filters, { limit, ...(cursor ? { cursor } : {}) });
  return {
    body: pageBody(page.items.map(businessListItem), page.cursor),
    headers: { 'Cache-Control': 'private, no-store' },
  };
});
