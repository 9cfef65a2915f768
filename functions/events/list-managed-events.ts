import { httpHandler } from '../shared/http.ts';
import { listManagedEvents } from './list-routes.ts';
import { listEvents } from './store.ts';

export const handler = httpHandler(listManagedEvents, async ({ query }) => {
  const page = await listEvents({ ...query, list: query.status ?? 'draft', limit: query.limit ?? 50 });
  return { body: page, headers: { 'Cache-Control': 'private, no-store' } };
});
