import { icsCalendar } from '../events/ical.ts';
import { toView } from '../events/model.ts';
import { findEvent } from '../events/store.ts';
import { httpHandler } from '../shared/http.ts';
import { notFound } from '../shared/problem.ts';
import { eventCalendar } from './event-routes.ts';

/** "Add to my calendar": one event as an .ics file that phones open in their calendar app. */
export const handler = httpHandler(eventCalendar, async ({ path }) => {
  const record = await findEvent(path.id);
  if (!record || record.status === 'draft') throw notFound('No such event.');
  return {
    body: icsCalendar([toView(record)]),
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="agenda-umkm-${record.id}.ics"`,
      'Cache-Control': 'public, max-age=300',
    },
  };
});
