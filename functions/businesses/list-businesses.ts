import { httpHandler } from '../shared/http.ts';
import { businessListItem } from './views.ts';
import { listBusinesses as route } from './routes.ts';
import { listBusinesses } from './store.ts';

const DEFAULT_LIMIT = 20;

export const handler = httpHandler(route, async ({ query }) => {
  const { limit = DEFAULT_LIMIT, cursor, ...filters } = query;
  const page = await listBusinesses(filters, { limit, ...(cursor ? { cursor } : {}) });
  return {
    body: { items: page.items.map(businessListItem), ...(page.cursor ? { cursor: page.cursor } : {}) },
    headers: { 'Cache-Control': 'private, no-store' },
  };
});
