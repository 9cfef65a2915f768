import { listEvents } from '../events/store.ts';
import { requireEnv } from '../shared/config.ts';
import { agendaPage as render } from './event-views.ts';
import { pageHandler, publicPage } from './layout.ts';
import { agendaPage } from './event-routes.ts';

const site = requireEnv('WEB_URL').replace(/\/+$/, '');
const PAGE_SIZE = 20;

export const handler = pageHandler(agendaPage, async ({ query, headers }) => {
  // A select left at "all" sends an empty value.
  const filters = {
    kecamatan: query.kecamatan || undefined,
    type: query.type || undefined,
    need: query.need || undefined,
  };
  const page = await listEvents({
    list: 'public',
    from: new Date().toISOString(),
    fromIsNow: true,
    limit: PAGE_SIZE,
    ...Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)),
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  return publicPage(render(page.events, filters, query.lang ?? 'id', site, page.cursor), headers, 60);
});
