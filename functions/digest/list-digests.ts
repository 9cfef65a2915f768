import { httpHandler } from '../shared/http.ts';
import { listDigests } from './routes.ts';
import { listRuns } from './run-store.ts';
import { toRunView } from './views.ts';

export const handler = httpHandler(listDigests, async ({ query }) => {
  const { runs, cursor } = await listRuns({
    limit: query.limit ?? 10,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  return {
    body: { items: runs.map(toRunView), ...(cursor ? { cursor } : {}) },
    headers: { 'Cache-Control': 'no-store' },
  };
});
