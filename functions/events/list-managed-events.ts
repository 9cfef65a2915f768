import { httpHandler } from '../shared/http.ts';
import { pageBody } from '../shared/paging.ts';
import { listManagedEvents } from './list-routes.ts';
import { listEvents } from './store.ts';

export const handler = httpHandler(listManagedEvents, async ({ query }) => {
  const { events, cursor } = await listEvents({ ...query, list: query.status ?? 'draft' });
  return { body: pageBody(events, cursor), headers: { 'Cache-Control': 'private, no-store' } };
});
