import { defineRoute } from '../shared/route.ts';
import { CalendarQuery, EventPage, ManageListQuery, PublicListQuery } from './list-schemas.ts';

/** The event lists (operators' and public) and the calendar feed: their rows apart, so that their query
 * schemas stay out of the write handlers' bundles. */
const TAG = 'Events';

export const listManagedEvents = defineRoute({
  id: 'listManagedEvents',
  method: 'GET',
  path: '/manage/events',
  handler: 'events/list-managed-events.ts',
  access: 'operator',
  tag: TAG,
  summary: 'Events of one status (draft by default) in start order, for operators; paged',
  request: { query: ManageListQuery },
  response: { status: 200, description: 'One page of events', schema: EventPage, headers: ['Cache-Control'] },
  table: { actions: ['Query'], indexes: ['GSI2'] },
});

export const listEvents = defineRoute({
  id: 'listEvents',
  method: 'GET',
  path: '/events',
  handler: 'events/list-events.ts',
  access: 'public',
  tag: TAG,
  summary:
    'Published (and cancelled) events still running at or after `from` (default now), in start order; paged',
  request: { query: PublicListQuery },
  response: { status: 200, description: 'One page of events', schema: EventPage, headers: ['Cache-Control'] },
  table: { actions: ['Query'], indexes: ['GSI1'] },
});

export const eventsCalendar = defineRoute({
  id: 'eventsCalendar',
  method: 'GET',
  path: '/events.ics',
  handler: 'events/events-calendar.ts',
  access: 'public',
  tag: TAG,
  summary: 'iCalendar (RFC 5545) feed of upcoming events with the listing’s filters (text/calendar)',
  request: { query: CalendarQuery },
  response: {
    status: 200,
    description: 'A text/calendar document',
    mediaType: 'text/calendar',
    headers: ['Content-Disposition', 'Cache-Control'],
  },
  table: { actions: ['Query'], indexes: ['GSI1'] },
});
