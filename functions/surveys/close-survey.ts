import { conflict } from '../shared/problem.ts';
import { closed } from './model.ts';
import { closeSurvey } from './routes.ts';
import { transitionHandler } from './transition.ts';

export const handler = transitionHandler(closeSurvey, (survey, now) => {
  if (survey.status !== 'published')
    throw conflict(`Only a published survey can be closed; it is ${survey.status}.`);
  return closed(survey, now);
});
