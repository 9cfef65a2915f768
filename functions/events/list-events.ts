import { httpHandler } from '../shared/http.ts';
import { pageBody } from '../shared/paging.ts';
import { listEvents as listEventsRoute } from './list-routes.ts';
import { listEvents } from './store.ts';

export const handler = httpHandler(listEventsRoute, async ({ query }) => {
  const { events, cursor } = await listEvents({
    ...query,
    list: 'public',
    from: query.from ?? new Date().toISOString(),
    fromIsNow: query.from === undefined,
  });
  return { body: pageBody(events, cursor), headers: { 'Cache-Control': 'public, max-age=60' } };
});
