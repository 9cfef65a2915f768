import { httpHandler } from '../shared/http.ts';
import { listEvents as listEventsRoute } from './list-routes.ts';
import { listEvents } from './store.ts';

export const handler = httpHandler(listEventsRoute, async ({ query }) => {
  const page = await listEvents({
    ...query,
    list: 'public',
    from: query.from ?? new Date().toISOString(),
    fromIsNow: query.from === undefined,
    limit: query.limit ?? 20,
  });
  return { body: page, headers: { 'Cache-Control': 'public, max-age=60' } };
});
