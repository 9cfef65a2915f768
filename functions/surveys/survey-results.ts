import { httpHandler } from '../shared/http.ts';
import { surveyResults } from './results.ts';
import { surveyResults as route } from './routes.ts';
import { requireSurvey, surveyCounters } from './store.ts';

export const handler = httpHandler(route, async ({ path, query }) => {
  const [survey, counters] = await Promise.all([
    requireSurvey(path.id),
    surveyCounters(path.id, query.kecamatan),
  ]);
  return {
    body: surveyResults(survey, counters, query),
    headers: { 'Cache-Control': 'private, no-store' },
  };
});
