import { httpHandler } from '../shared/http.ts';
import { newId } from '../shared/ids.ts';
import { presignObjectUrl } from '../shared/presign.ts';
import { conflict } from '../shared/problem.ts';
import { posterUploadKey } from '../shared/storage-keys.ts';
import { POSTER_LIMITS, POSTER_UPLOAD_SECONDS } from './poster-schemas.ts';
import { startPosterUpload } from './poster-routes.ts';
import { requireEvent } from './store.ts';

/**
 * A presigned PUT signed for the declared content type. The size declared here is checked again on the
 * stored object when the upload is confirmed (a presigned PUT cannot bound the length; the confirm step
 * reads the real size and bytes, and an unconfirmed upload expires with its prefix after two days).
 */
export const handler = httpHandler(startPosterUpload, async ({ path, body }) => {
  const event = await requireEvent(path.id);
  if (event.status === 'cancelled') throw conflict('A cancelled event can no longer be edited.');
  const key = posterUploadKey(event.id, newId());
  const uploadUrl = await presignObjectUrl('PUT', key, {
    expiresInSeconds: POSTER_UPLOAD_SECONDS,
    contentType: body.contentType,
  });
  return {
    status: 201,
    body: {
      key,
      method: 'PUT' as const,
      uploadUrl,
      headers: { 'content-type': body.contentType },
      expiresAt: new Date(Date.now() + POSTER_UPLOAD_SECONDS * 1000).toISOString(),
      limits: { ...POSTER_LIMITS },
    },
  };
});
