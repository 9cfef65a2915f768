import { ownedBy } from '../businesses/access.ts';
import { getBusiness } from '../businesses/store.ts';
import { httpHandler } from '../shared/http.ts';
import { openSurveys } from './answer-routes.ts';
import { inAudience, openState, openSurveyView } from './model.ts';
import { answersOfBusiness } from './answers-store.ts';
import { publishedSurveys } from './store.ts';
import { cellOf } from './views.ts';

/** The surveys a business of the caller may answer now, each with the business's response, if any. */
export const handler = httpHandler(openSurveys, async ({ query, caller }) => {
  const business = ownedBy(await getBusiness(query.businessId), caller);
  const now = Date.now();
  const [surveys, responses] = await Promise.all([
    publishedSurveys(new Date(now).toISOString()),
    answersOfBusiness(business.id),
  ]);
  const cell = cellOf(business);
  const items = surveys
    .filter((survey) => openState(survey, now) === 'open' && inAudience(survey.current?.audience ?? {}, cell))
    .map((survey) => {
      const response = responses.find((candidate) => candidate.surveyId === survey.id);
      return {
        ...openSurveyView(survey),
        response: response ? { version: response.version, updatedAt: response.updatedAt } : null,
      };
    });
  return { body: { businessId: business.id, items }, headers: { 'Cache-Control': 'private, no-store' } };
});
