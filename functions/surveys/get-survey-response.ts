import { visibleTo } from '../businesses/access.ts';
import { getBusiness } from '../businesses/store.ts';
import { httpHandler } from '../shared/http.ts';
import { notFound } from '../shared/problem.ts';
import { getSurveyResponse } from './answer-routes.ts';
import { findAnswers } from './answers-store.ts';
import { answersView } from './views.ts';

export const handler = httpHandler(getSurveyResponse, async ({ path, caller }) => {
  const [business, record] = await Promise.all([getBusiness(path.id), findAnswers(path.id, path.surveyId)]);
  visibleTo(business, caller);
  if (!record) throw notFound('This business has not answered this survey.');
  return { body: answersView(record), headers: { 'Cache-Control': 'private, no-store' } };
});
