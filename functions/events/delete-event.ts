import { httpHandler } from '../shared/http.ts';
import { deleteEvent } from './routes.ts';
import { deleteDraft } from './store.ts';

export const handler = httpHandler(deleteEvent, async ({ path }) => {
  await deleteDraft(path.id);
  return { status: 204 };
});
