import { defineRoute } from '../shared/route.ts';
import { SurveyInput, SurveyPatch } from './definition-schemas.ts';
import { SurveyIdPath } from './id-path.ts';

/* The routes that take a survey definition: only their bundles carry the definition's schemas. */

const TAG = 'Surveys';

export const createSurvey = defineRoute({
  id: 'createSurvey',
  method: 'POST',
  path: '/surveys',
  handler: 'surveys/create-survey.ts',
  access: 'operator',
  tag: TAG,
  summary: 'Create a survey as a draft of version 1 (operators); times in WIB',
  request: { body: SurveyInput },
  response: { status: 201, description: 'The survey', headers: ['Location', 'ETag'] },
  table: { actions: ['PutItem'] },
});

export const updateSurvey = defineRoute({
  id: 'updateSurvey',
  method: 'PATCH',
  path: '/surveys/{id}',
  handler: 'surveys/update-survey.ts',
  access: 'operator',
  tag: TAG,
  summary:
    'Edit the draft (each field sent replaces its value); needs If-Match. Published versions are immutable',
  request: { path: SurveyIdPath, body: SurveyPatch },
  response: { status: 200, description: 'The survey', headers: ['ETag'] },
  ifMatch: 'required',
  errors: [404, 409],
  table: { actions: ['GetItem', 'PutItem'] },
});
