import { toView } from '../events/model.ts';
import { findEvent } from '../events/store.ts';
import { requireEnv } from '../shared/config.ts';
import { notFound } from '../shared/problem.ts';
import { eventPage as render } from './event-views.ts';
import { pageHandler, publicPage } from './layout.ts';
import { eventPage } from './event-routes.ts';

const site = requireEnv('WEB_URL').replace(/\/+$/, '');

/** Drafts are not announced yet: to the public they do not exist. Shared links are cached for 5 minutes. */
export const handler = pageHandler(eventPage, async ({ path, query, headers }) => {
  const record = await findEvent(path.id);
  if (!record || record.status === 'draft') throw notFound('No such event.');
  return publicPage(render(toView(record), query.lang ?? 'id', site), headers, 300);
});
