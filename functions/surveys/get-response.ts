import { visibleTo } from '../businesses/access.ts';
import { getBusiness } from '../businesses/store.ts';
import { httpHandler } from '../shared/http.ts';
import { notFound } from '../shared/problem.ts';
import { getSurveyResponse } from './answer-routes.ts';
import { findResponse } from './responses-store.ts';
import { responseView } from './views.ts';

export const handler = httpHandler(getSurveyResponse, async ({ path, caller }) => {
  const [business, response] = await Promise.all([
    getBusiness(path.id),
    findResponse(path.id, path.surveyId),
  ]);
  visibleTo(business, caller);
  if (!response) throw notFound('This business has not answered this survey.');
  return { body: responseView(response), headers: { 'Cache-Control': 'private, no-store' } };
});
