import { httpHandler } from '../shared/http.ts';
import { listSurveyTemplates } from './template-routes.ts';
import { TEMPLATES } from './template.ts';

export const handler = httpHandler(listSurveyTemplates, async () => ({
  body: { items: Object.entries(TEMPLATES).map(([key, template]) => ({ key, ...template })) },
  headers: { 'Cache-Control': 'private, max-age=300' },
}));
