import { httpHandler } from '../shared/http.ts';
import { surveySummary } from './model.ts';
import { listSurveys as route } from './routes.ts';
import { listSurveys } from './store.ts';

export const handler = httpHandler(route, async ({ query }) => {
  const { limit = 20, cursor, status } = query;
  const page = await listSurveys({ limit, ...(cursor ? { cursor } : {}), ...(status ? { status } : {}) });
  return {
    body: { items: page.items.map(surveySummary), ...(page.cursor ? { cursor: page.cursor } : {}) },
    headers: { 'Cache-Control': 'private, no-store' },
  };
});
