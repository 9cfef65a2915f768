import { etag } from '../shared/versioning.ts';
import { httpHandler } from '../shared/http.ts';
import { getSurvey } from './routes.ts';
import { requireSurvey } from './store.ts';

export const handler = httpHandler(getSurvey, async ({ path }) => {
  const survey = await requireSurvey(path.id);
  return { body: survey, headers: { ETag: etag(survey.revision), 'Cache-Control': 'private, no-store' } };
});
