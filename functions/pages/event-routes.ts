import { defineRoute } from '../shared/route.ts';
import { AgendaQuery, EventPath, LanguageQuery } from './event-schemas.ts';

/** The public event pages' rows (see `subscription-routes.ts` for why pages have paths of their own). */
const TAG = 'Pages';
const page = (description: string) => ({
  status: 200,
  description,
  mediaType: 'text/html',
  errorPages: true,
  headers: ['ETag' as const, 'Cache-Control' as const],
});

export const agendaPage = defineRoute({
  id: 'agendaPage',
  method: 'GET',
  path: '/agenda',
  handler: 'pages/agenda-page.ts',
  siteUrl: true,
  access: 'public',
  tag: TAG,
  summary: 'Page: upcoming public events with the public filters (kecamatan, type, need), paged',
  request: { query: AgendaQuery },
  response: page('The events list'),
  table: { actions: ['Query'], indexes: ['GSI1'] },
});

export const eventPage = defineRoute({
  id: 'eventPage',
  method: 'GET',
  path: '/agenda/{id}',
  handler: 'pages/event-page.ts',
  siteUrl: true,
  access: 'public',
  tag: TAG,
  summary:
    'Page: one published event, with Open Graph and Twitter card meta and schema.org Event JSON-LD; ETag and 304',
  request: { path: EventPath, query: LanguageQuery },
  response: page('The event page'),
  errors: [404],
  table: { actions: ['GetItem'] },
});

export const eventCalendar = defineRoute({
  id: 'eventCalendar',
  method: 'GET',
  path: '/agenda/{id}/kalender.ics',
  handler: 'pages/event-calendar.ts',
  siteUrl: true,
  access: 'public',
  tag: TAG,
  summary: 'One published event as an iCalendar file (“add to my calendar”)',
  request: { path: EventPath },
  response: {
    status: 200,
    description: 'A text/calendar document',
    mediaType: 'text/calendar',
    headers: ['Content-Disposition', 'Cache-Control'],
  },
  errors: [404],
  table: { actions: ['GetItem'] },
});

export const defaultPosterImage = defineRoute({
  id: 'defaultPosterImage',
  method: 'GET',
  path: '/agenda/poster-default.png',
  handler: 'pages/default-poster-image.ts',
  access: 'public',
  tag: TAG,
  summary: 'The programme’s picture for previews of events without a poster (PNG, 1200 × 630)',
  request: {},
  response: { status: 200, description: 'A PNG image', mediaType: 'image/png' },
});

export const eventPoster = defineRoute({
  id: 'eventPoster',
  method: 'GET',
  path: '/agenda/{id}/poster',
  handler: 'pages/event-poster.ts',
  access: 'public',
  tag: TAG,
  summary:
    'The event’s uploaded poster (JPEG, PNG or WebP, at most 1 MiB), at a stable URL for shared previews; ETag and 304',
  request: { path: EventPath },
  response: {
    status: 200,
    description: 'The image as uploaded',
    mediaType: 'image/*',
    headers: ['ETag', 'Cache-Control'],
  },
  errors: [404],
  table: { actions: ['GetItem'] },
  storage: [{ prefix: 'posters', access: ['read'] }],
});
