import { defineRoute } from '../shared/route.ts';
import { PosterConfirmBody, PosterUpload, PosterUploadBody } from './poster-schemas.ts';
import { EventIdPath, EventView } from './schemas.ts';

/** The poster rows, apart from `routes.ts` so that the other events functions do not bundle their schemas. */
const TAG = 'Events';

export const startPosterUpload = defineRoute({
  id: 'startPosterUpload',
  method: 'POST',
  path: '/events/{id}/poster',
  handler: 'events/start-poster-upload.ts',
  access: 'operator',
  tag: TAG,
  summary:
    'Start a poster upload: a presigned PUT (10 minutes) for a JPEG, PNG or WebP of at most 1 MiB; then confirm it with PUT',
  request: { path: EventIdPath, body: PosterUploadBody },
  response: { status: 201, description: 'Where and how to upload', schema: PosterUpload },
  errors: [404, 409],
  table: { actions: ['GetItem'] },
  storage: [{ prefix: 'posterUploads', access: ['write'] }],
});

export const confirmPoster = defineRoute({
  id: 'confirmPoster',
  method: 'PUT',
  path: '/events/{id}/poster',
  handler: 'events/confirm-poster.ts',
  access: 'operator',
  tag: TAG,
  summary:
    'Make an uploaded file the event’s poster once its bytes prove a JPEG, PNG or WebP within the limits (If-Match); replaces the previous poster',
  request: { path: EventIdPath, body: PosterConfirmBody },
  response: { status: 200, description: 'The event with its poster', schema: EventView, headers: ['ETag'] },
  ifMatch: 'required',
  errors: [404, 409],
  table: { actions: ['GetItem', 'PutItem'] },
  storage: [
    { prefix: 'posterUploads', access: ['read', 'delete'] },
    { prefix: 'posters', access: ['write', 'delete'] },
  ],
});
