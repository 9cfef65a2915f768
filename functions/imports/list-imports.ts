import { httpHandler } from '../shared/http.ts';
import { pageBody } from '../shared/paging.ts';
import { listImports } from './routes.ts';
import { listImportJobs } from './store.ts';
import { toImportView } from './views.ts';

export const handler = httpHandler(listImports, async ({ query }) => {
  const { jobs, cursor } = await listImportJobs({ limit: query.limit, cursor: query.cursor });
  return { body: pageBody(jobs.map(toImportView), cursor), headers: { 'Cache-Control': 'no-store' } };
});
