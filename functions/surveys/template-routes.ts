import * as z from 'zod/mini';
import { defineRoute } from '../shared/route.ts';
import { TemplateCopy } from './definition.ts';
import { TEMPLATE_KEYS } from './template-keys.ts';

/* The shipped survey templates: listed, and copied into a draft. */

const TAG = 'Surveys';

export const listSurveyTemplates = defineRoute({
  id: 'listSurveyTemplates',
  method: 'GET',
  path: '/survey-templates',
  handler: 'surveys/list-survey-templates.ts',
  access: 'operator',
  tag: TAG,
  summary: 'The survey templates the project ships, to copy (operators)',
  request: {},
  response: { status: 200, description: 'The templates' },
});

export const copySurveyTemplate = defineRoute({
  id: 'copySurveyTemplate',
  method: 'POST',
  path: '/survey-templates/{key}/copy',
  handler: 'surveys/copy-survey-template.ts',
  access: 'operator',
  tag: TAG,
  summary: 'Start a draft survey from a shipped template, e.g. “Kebutuhan UMKM” (operators)',
  request: { path: z.strictObject({ key: z.enum(TEMPLATE_KEYS) }), body: TemplateCopy },
  response: { status: 201, description: 'The new draft', headers: ['Location', 'ETag'] },
  table: { actions: ['PutItem'] },
});
