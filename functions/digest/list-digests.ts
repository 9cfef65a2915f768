import { httpHandler } from '../shared/http.ts';
import { pageBody } from '../shared/paging.ts';
import { listDigests } from './routes.ts';
import { listRuns } from './run-store.ts';
import { toRunView } from './views.ts';

export const handler = httpHandler(listDigests, async ({ query }) => {
  const { runs, cursor } = await listRuns({
    limit: query.limit,
    ...(query.cursor ? { cursor: query.cursor } : {}),
  });
  return {
    body: pageBody(runs.map(toRunView), cursor),
    headers: { 'Cache-Control': 'no-store' },
  };
});
