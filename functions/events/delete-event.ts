import { httpHandler } from '../shared/http.ts';
import { logger } from '../shared/logger.ts';
import { deleteObject } from '../shared/objects.ts';
import { deleteEvent } from './routes.ts';
import { deleteDraft, findEvent } from './store.ts';

export const handler = httpHandler(deleteEvent, async ({ path }) => {
  const poster = (await findEvent(path.id))?.poster;
  await deleteDraft(path.id);
  // The draft is gone either way; a poster left behind costs storage only, so it is logged, not failed.
  if (poster)
    await deleteObject(poster.key).catch((error: unknown) =>
      logger.warn('poster_cleanup_failed', { error: String(error) }),
    );
  return { status: 204 };
});
