import { conflict } from '../shared/problem.ts';
import { published } from './model.ts';
import { publishSurvey } from './routes.ts';
import { transitionHandler } from './transition.ts';

export const handler = transitionHandler(publishSurvey, (survey, now) => {
  if (!survey.draft) throw conflict('There is no draft to publish.');
  if (Date.parse(survey.draft.closesAt) <= Date.parse(now))
    throw conflict('The draft closes in the past; change closesAt first.');
  return published(survey, now);
});
