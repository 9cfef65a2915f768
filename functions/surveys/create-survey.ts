import { etag } from '../shared/versioning.ts';
import { httpHandler } from '../shared/http.ts';
import { newId } from '../shared/ids.ts';
import { badRequest } from '../shared/problem.ts';
import { definitionErrors, toDefinition } from './definition.ts';
import { createSurvey } from './definition-routes.ts';
import { newSurvey } from './model.ts';
import { insertSurvey } from './store.ts';

export const handler = httpHandler(createSurvey, async ({ body, caller }) => {
  const definition = toDefinition(body);
  const errors = definitionErrors(definition);
  if (errors.length > 0) throw badRequest('The survey has invalid fields.', errors);
  const survey = newSurvey(newId(), definition, caller.sub, new Date().toISOString());
  await insertSurvey(survey);
  return {
    status: 201,
    body: survey,
    headers: { ETag: etag(survey.revision), Location: `/surveys/${survey.id}` },
  };
});
