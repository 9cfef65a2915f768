import { answerableBy } from '../businesses/access.ts';
import { getBusiness } from '../businesses/store.ts';
import { httpHandler } from '../shared/http.ts';
import { badRequest, conflict, notFound } from '../shared/problem.ts';
import { asksNeeds, checkAnswers } from './answers.ts';
import { putSurveyResponse } from './answer-routes.ts';
import { inAudience, openState } from './model.ts';
import { saveAnswers } from './answers-store.ts';
import { findSurvey } from './store.ts';
import { cellOf, answersView } from './views.ts';

/**
 * Answers (or changes the answers to) an open survey for one's own business, or, by an operator, for an
 * imported business nobody has claimed (assisted: who and when are kept on the answers; they count in the
 * results like any other).
 */
export const handler = httpHandler(putSurveyResponse, async ({ path, body, caller }) => {
  const [business, survey] = await Promise.all([getBusiness(path.id), findSurvey(path.surveyId)]);
  const { business: owned, assisted } = answerableBy(business, caller);
  const current = survey?.current;
  if (!survey || !current) throw notFound('No such survey.');
  const state = openState(survey, Date.now());
  if (state !== 'open')
    throw conflict(state === 'not_yet_open' ? 'The survey is not open yet.' : 'The survey is closed.');
  const cell = cellOf(owned);
  if (!inAudience(current.audience, cell)) throw conflict('This survey is not addressed to this business.');
  if (body.version !== current.version)
    throw conflict(
      `Version ${current.version} is open for answers, not ${body.version}: load the survey again.`,
    );
  const checked = checkAnswers(current.questions, body.answers);
  if (checked.errors.length > 0) throw badRequest('The answers do not fit the survey.', checked.errors);
  const now = new Date().toISOString();
  const record = await saveAnswers(
    {
      businessId: owned.id,
      surveyId: survey.id,
      ...(owned.ownerSub === undefined ? {} : { ownerSub: owned.ownerSub }),
      ...(assisted ? { assisted: { by: caller.sub, at: now } } : {}),
      version: current.version,
      answers: checked.answers,
      kinds: checked.kinds,
      ...(asksNeeds(current.questions) ? { needs: checked.needs } : {}),
      cell,
    },
    now,
  );
  return { body: answersView(record), headers: { 'Cache-Control': 'private, no-store' } };
});
