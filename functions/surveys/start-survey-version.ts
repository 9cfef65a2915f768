import { conflict } from '../shared/problem.ts';
import { nextDraft } from './model.ts';
import { startSurveyVersion } from './routes.ts';
import { transitionHandler } from './transition.ts';

export const handler = transitionHandler(startSurveyVersion, (survey, now) => {
  if (survey.status !== 'published')
    throw conflict(`Only a published survey gets new versions; it is ${survey.status}.`);
  if (survey.draft) throw conflict(`A draft of version ${survey.draft.version} exists already.`);
  return nextDraft(survey, now);
});
