import { httpHandler } from '../shared/http.ts';
import { pageBody } from '../shared/paging.ts';
import { listImports } from './routes.ts';
import { listImportJobs } from './store.ts';
import { asOf } from './upload-window.ts';
import { toImportView } from './views.ts';

export const handler = httpHandler(listImports, async ({ query }) => {
  const { jobs, cursor } = await listImportJobs({ limit: query.limit, cursor: query.cursor });
  const now = new Date().toISOString();
  return {
    body: pageBody(
      jobs.map((job) => toImportView(asOf(job, now))),
      cursor,
    ),
    headers: { 'Cache-Control': 'no-store' },
  };
});
