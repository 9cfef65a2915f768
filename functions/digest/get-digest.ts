import { httpHandler } from '../shared/http.ts';
import { notFound } from '../shared/problem.ts';
import { getDigest } from './routes.ts';
import { findRun } from './run-store.ts';
import { toRunView } from './views.ts';

export const handler = httpHandler(getDigest, async ({ path }) => {
  const run = await findRun(path.week);
  if (!run) throw notFound('No digest run for that week.');
  return { body: toRunView(run), headers: { 'Cache-Control': 'no-store' } };
});
