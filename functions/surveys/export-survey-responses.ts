import { httpHandler } from '../shared/http.ts';
import { pageBody } from '../shared/paging.ts';
import { exportRow, toCsv } from './csv.ts';
import { answersPage } from './answers-store.ts';
import { exportSurveyResponses } from './routes.ts';
import { requireSurvey } from './store.ts';

/** One page of a survey's responses (`limit`, as on every list: well under Lambda's 6 MB answer). */
export const handler = httpHandler(exportSurveyResponses, async ({ path, query }) => {
  const { format = 'json', limit, cursor } = query;
  const survey = await requireSurvey(path.id);
  const page = await answersPage(survey.id, { limit, ...(cursor ? { cursor } : {}) });
  const next: Record<string, string> = page.cursor ? { 'X-Next-Cursor': page.cursor } : {};
  if (format === 'csv') {
    return {
      body: toCsv(survey.questionKeys, page.items),
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="survey-${survey.id}.csv"`,
        'Cache-Control': 'private, no-store',
        ...next,
      },
    };
  }
  return {
    body: pageBody(page.items.map(exportRow), page.cursor),
    headers: { 'Cache-Control': 'private, no-store', ...next },
  };
});
