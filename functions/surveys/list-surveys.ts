import { httpHandler } from '../shared/http.ts';
import { pageBody } from '../shared/paging.ts';
import { surveySummary } from './model.ts';
import { listSurveys as route } from './routes.ts';
import { listSurveys } from './store.ts';

export const handler = httpHandler(route, async ({ query }) => {
  const { limit, cursor, status } = query;
  const page = await listSurveys({ limit, ...(cursor ? { cursor } : {}), ...(status ? { status } : {}) });
  return {
    body: pageBody(page.items.map(surveySummary), page.cursor),
    headers: { 'Cache-Control': 'private, no-store' },
  };
});
