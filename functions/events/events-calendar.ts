import { httpHandler } from '../shared/http.ts';
import { icsCalendar } from './ical.ts';
import { eventsCalendar } from './list-routes.ts';
import { listEvents } from './store.ts';

/** How many upcoming events the feed carries: calendars poll it, they do not page. */
const FEED_SIZE = 200;

export const handler = httpHandler(eventsCalendar, async ({ query }) => {
  const { events } = await listEvents({
    ...query,
    list: 'public',
    from: query.from ?? new Date().toISOString(),
    limit: FEED_SIZE,
  });
  return {
    body: icsCalendar(events),
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'inline; filename="agenda-umkm-bekasi.ics"',
      'Cache-Control': 'public, max-age=300',
    },
  };
});
