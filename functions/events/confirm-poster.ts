import { httpHandler } from '../shared/http.ts';
import { readImageHeader, IMAGE_HEAD_BYTES } from '../shared/image-header.ts';
import { logger } from '../shared/logger.ts';
import { copyObject, deleteObject, ObjectStoreError, readObjectHead } from '../shared/objects.ts';
import { badRequest, bodyFieldError, conflict, preconditionFailed } from '../shared/problem.ts';
import { posterKey } from '../shared/storage-keys.ts';
import { ifMatchVersion, etag } from '../shared/versioning.ts';
import { revise, toView } from './model.ts';
import { posterProblems } from './poster-rules.ts';
import { UPLOAD_KEY } from './poster-schemas.ts';
import { confirmPoster } from './poster-routes.ts';
import { replaceEvent, requireEvent } from './store.ts';

const EXTENSIONS = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' } as const;

/**
 * Checks the uploaded object by its own bytes (one ranged GET of its head: magic bytes, dimensions; the
 * size from the response), copies it under `posters/images/`, records it on the event as the next
 * version and removes the upload and the poster it replaces.
 */
export const handler = httpHandler(confirmPoster, async ({ path, body, headers }) => {
  const version = ifMatchVersion(headers, true);
  const [, eventId = '', uploadId = ''] = UPLOAD_KEY.exec(body.key) ?? [];
  if (eventId !== path.id)
    throw badRequest('The upload belongs to another event.', [
      bodyFieldError('key', 'other_event', 'Must be the key a poster upload of this event returned.'),
    ]);
  const current = await requireEvent(path.id);
  if (current.status === 'cancelled') throw conflict('A cancelled event can no longer be edited.');
  if (version !== current.version) throw preconditionFailed();

  let object;
  try {
    object = await readObjectHead(body.key, IMAGE_HEAD_BYTES);
  } catch (error) {
    if (error instanceof ObjectStoreError && error.status === 404)
      throw badRequest('Nothing was uploaded under this key (or the upload expired).', [
        bodyFieldError('key', 'not_uploaded', 'Upload the file to the presigned URL first.'),
      ]);
    throw error;
  }
  const image = readImageHeader(object.head);
  const problems = posterProblems(image, object.size);
  if (!image || problems.length > 0) {
    await deleteObject(body.key);
    throw badRequest('The uploaded file cannot be a poster.', problems);
  }

  const key = posterKey(path.id, `${uploadId}.${EXTENSIONS[image.type]}`);
  await copyObject(body.key, key);
  const now = new Date().toISOString();
  const next = revise(current, { poster: { key, ...image, bytes: object.size, uploadedAt: now } }, now);
  try {
    await replaceEvent(next, current);
  } catch (error) {
    await deleteObject(key);
    throw error;
  }
  // Best effort: the upload prefix expires anyway; a replaced poster left behind costs storage only.
  await Promise.all(
    [body.key, ...(current.poster && current.poster.key !== key ? [current.poster.key] : [])].map((old) =>
      deleteObject(old).catch((error: unknown) =>
        logger.warn('poster_cleanup_failed', { error: String(error) }),
      ),
    ),
  );
  return { body: toView(next), headers: { ETag: etag(next.version) } };
});
