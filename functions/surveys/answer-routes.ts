import * as z from 'zod/mini';
import { defineRoute } from '../shared/route.ts';
import { ulid } from './id-path.ts';

/* The owners' survey routes, with their small schemas (answers are checked in code: answers.ts). */

const ResponsePath = z.strictObject({ id: ulid('business'), surveyId: ulid('survey') });

/** An answer: the version the owner answered, and one value per question key. */
const ResponseBody = z.strictObject({
  version: z.int().check(z.minimum(1)),
  answers: z.record(z.string().check(z.maxLength(100)), z.unknown()),
});

const TAG = 'Surveys';

export const openSurveys = defineRoute({
  id: 'openSurveys',
  method: 'GET',
  path: '/surveys/open',
  handler: 'surveys/open-surveys.ts',
  access: 'owner',
  tag: TAG,
  summary: 'The open surveys that apply to one of the caller’s businesses, with its response to each, if any',
  request: { query: z.strictObject({ businessId: ulid('business') }) },
  response: { status: 200, description: 'The surveys to answer' },
  errors: [404],
  table: { actions: ['GetItem', 'Query'], indexes: ['GSI2'] },
});

export const putSurveyResponse = defineRoute({
  id: 'putSurveyResponse',
  method: 'PUT',
  path: '/businesses/{id}/surveys/{surveyId}/response',
  handler: 'surveys/put-survey-response.ts',
  access: 'owner',
  tag: TAG,
  summary:
    'Answer a survey for one’s business, or change the answer while it is open; checked against the version answered. An operator may answer for an imported business nobody has claimed (kept as assisted: by whom, when)',
  request: { path: ResponsePath, body: ResponseBody },
  response: { status: 200, description: 'The response as stored' },
  errors: [404, 409],
  table: { actions: ['GetItem', 'PutItem', 'UpdateItem', 'ConditionCheckItem'] },
});

export const getSurveyResponse = defineRoute({
  id: 'getSurveyResponse',
  method: 'GET',
  path: '/businesses/{id}/surveys/{surveyId}/response',
  handler: 'surveys/get-survey-response.ts',
  access: 'owner',
  tag: TAG,
  summary: 'A business’s response to a survey (its owner, or an operator)',
  request: { path: ResponsePath },
  response: { status: 200, description: 'The response' },
  errors: [404],
  table: { actions: ['GetItem'] },
});
