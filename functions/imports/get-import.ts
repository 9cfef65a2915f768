import { httpHandler } from '../shared/http.ts';
import { notFound } from '../shared/problem.ts';
import { getImport } from './routes.ts';
import { getImport as findImport } from './store.ts';
import { asOf } from './upload-window.ts';
import { toImportView } from './views.ts';

export const handler = httpHandler(getImport, async ({ path }) => {
  const job = await findImport(path.id);
  if (!job) throw notFound('No such import.');
  return {
    body: toImportView(asOf(job, new Date().toISOString())),
    headers: { 'Cache-Control': 'no-store' },
  };
});
