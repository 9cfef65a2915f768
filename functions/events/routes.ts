import { defineRoute } from '../shared/route.ts';
import { CancelBody, EventIdPath, EventInput, EventPatch, EventView } from './schemas.ts';

const TAG = 'Events';

export const createEvent = defineRoute({
  id: 'createEvent',
  method: 'POST',
  path: '/events',
  handler: 'events/create-event.ts',
  access: 'operator',
  tag: TAG,
  summary: 'Create an event as a draft (times with offset; stored and shown in WIB)',
  request: { body: EventInput },
  response: { status: 201, description: 'The draft', schema: EventView, headers: ['ETag', 'Location'] },
  table: { actions: ['PutItem'] },
});

export const updateEvent = defineRoute({
  id: 'updateEvent',
  method: 'PATCH',
  path: '/events/{id}',
  handler: 'events/update-event.ts',
  access: 'operator',
  tag: TAG,
  summary: 'Edit a draft or published event (If-Match with the ETag read); cancelled events are final',
  request: { path: EventIdPath, body: EventPatch },
  response: { status: 200, description: 'The edited event', schema: EventView, headers: ['ETag'] },
  ifMatch: 'required',
  errors: [404, 409],
  table: { actions: ['GetItem', 'PutItem'] },
});

export const publishEvent = defineRoute({
  id: 'publishEvent',
  method: 'POST',
  path: '/events/{id}/publish',
  handler: 'events/publish-event.ts',
  access: 'operator',
  tag: TAG,
  summary: 'Publish a draft: it appears in the public listing and the calendar feed',
  request: { path: EventIdPath },
  response: { status: 200, description: 'The published event', schema: EventView, headers: ['ETag'] },
  errors: [404, 409],
  table: { actions: ['GetItem', 'PutItem'] },
});

export const cancelEvent = defineRoute({
  id: 'cancelEvent',
  method: 'POST',
  path: '/events/{id}/cancel',
  handler: 'events/cancel-event.ts',
  access: 'operator',
  tag: TAG,
  summary: 'Cancel a published event, with a reason; it stays visible as cancelled',
  request: { path: EventIdPath, body: CancelBody },
  response: { status: 200, description: 'The cancelled event', schema: EventView, headers: ['ETag'] },
  errors: [404, 409],
  table: { actions: ['GetItem', 'PutItem'] },
});

export const deleteEvent = defineRoute({
  id: 'deleteEvent',
  method: 'DELETE',
  path: '/events/{id}',
  handler: 'events/delete-event.ts',
  access: 'operator',
  tag: TAG,
  summary: 'Delete a draft (published events are cancelled instead)',
  request: { path: EventIdPath },
  response: { status: 204, description: 'Deleted' },
  errors: [404, 409],
  table: { actions: ['GetItem', 'DeleteItem'] },
  // A deleted draft's poster goes with it.
  storage: [{ prefix: 'posters', access: ['delete'] }],
});

export const getEvent = defineRoute({
  id: 'getEvent',
  method: 'GET',
  path: '/events/{id}',
  handler: 'events/get-event.ts',
  access: 'public',
  tag: TAG,
  summary: 'One published or cancelled event (drafts answer 404)',
  request: { path: EventIdPath },
  response: {
    status: 200,
    description: 'The event',
    schema: EventView,
    headers: ['ETag', 'Cache-Control'],
  },
  errors: [404],
  table: { actions: ['GetItem'] },
});
