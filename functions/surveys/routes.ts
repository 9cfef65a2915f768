import { defineRoute } from '../shared/route.ts';
import { SurveyIdPath } from './id-path.ts';
import { ExportQuery, ListSurveysQuery, ResultsQuery } from './query-schemas.ts';

/* Operators' survey routes that take no definition (those are in definition-routes.ts). */

const TAG = 'Surveys';

export const listSurveys = defineRoute({
  id: 'listSurveys',
  method: 'GET',
  path: '/surveys',
  handler: 'surveys/list-surveys.ts',
  access: 'operator',
  tag: TAG,
  summary: 'Surveys newest first, optionally of one status; paged (operators)',
  request: { query: ListSurveysQuery },
  response: {
    status: 200,
    description: 'One page; pass `cursor` back for the next',
    headers: ['Cache-Control'],
  },
  table: { actions: ['Query'], indexes: ['GSI1'] },
});

export const getSurvey = defineRoute({
  id: 'getSurvey',
  method: 'GET',
  path: '/surveys/{id}',
  handler: 'surveys/get-survey.ts',
  access: 'operator',
  tag: TAG,
  summary: 'One survey: its published version and its draft (operators)',
  request: { path: SurveyIdPath },
  response: { status: 200, description: 'The survey', headers: ['ETag', 'Cache-Control'] },
  errors: [404],
  table: { actions: ['GetItem'] },
});

const transition = (id: string, verb: string, handler: string, summary: string) =>
  defineRoute({
    id,
    method: 'POST',
    path: `/surveys/{id}/${verb}`,
    handler: `surveys/${handler}`,
    access: 'operator',
    tag: TAG,
    summary,
    request: { path: SurveyIdPath },
    response: { status: 200, description: 'The survey', headers: ['ETag'] },
    ifMatch: 'optional',
    errors: [404, 409],
    table: { actions: ['GetItem', 'PutItem'] },
  });

export const publishSurvey = transition(
  'publishSurvey',
  'publish',
  'publish-survey.ts',
  'Publish the draft as the version owners answer; earlier answers keep the version they answered',
);
export const closeSurvey = transition(
  'closeSurvey',
  'close',
  'close-survey.ts',
  'Close a published survey: no more answers (its results stay)',
);
export const startSurveyVersion = transition(
  'startSurveyVersion',
  'versions',
  'start-survey-version.ts',
  'Start a draft of the next version from the published one (a published version never changes)',
);

export const surveyResults = defineRoute({
  id: 'surveyResults',
  method: 'GET',
  path: '/surveys/{id}/results',
  handler: 'surveys/survey-results.ts',
  access: 'operator',
  tag: TAG,
  summary:
    'Live results from counters kept with every answer: per question and option, number statistics, by kecamatan (operators)',
  request: { path: SurveyIdPath, query: ResultsQuery },
  response: { status: 200, description: 'The results' },
  errors: [404],
  table: { actions: ['GetItem', 'Query'] },
});

export const exportSurveyResponses = defineRoute({
  id: 'exportSurveyResponses',
  method: 'GET',
  path: '/surveys/{id}/responses',
  handler: 'surveys/export-survey-responses.ts',
  access: 'operator',
  tag: TAG,
  summary:
    'Export responses a page at a time, as JSON or CSV (header row; no NIK or contact data); next page cursor in `X-Next-Cursor` (operators)',
  request: { path: SurveyIdPath, query: ExportQuery },
  response: {
    status: 200,
    description: 'One page of responses: JSON, or CSV with `format=csv`',
    alternatives: ['text/csv'],
    headers: ['X-Next-Cursor', 'Content-Disposition', 'Cache-Control'],
  },
  errors: [404],
  table: { actions: ['GetItem', 'Query'], indexes: ['GSI2'] },
});
