import { httpHandler } from '../shared/http.ts';
import { badRequest, conflict, preconditionFailed } from '../shared/problem.ts';
import { etag, ifMatchVersion } from '../shared/versioning.ts';
import { definitionErrors, toDefinition } from './definition.ts';
import { updateSurvey } from './definition-routes.ts';
import { withDraft } from './model.ts';
import { replaceSurvey, requireSurvey } from './store.ts';

/** Edits the draft; a published version never changes (start the next version instead). */
export const handler = httpHandler(updateSurvey, async ({ path, body, headers }) => {
  const expected = ifMatchVersion(headers, true);
  const before = await requireSurvey(path.id);
  if (!before.draft)
    throw conflict(
      before.status === 'closed'
        ? 'A closed survey can no longer change.'
        : 'A published version never changes: start the next version (POST /surveys/{id}/versions).',
    );
  if (before.revision !== expected) throw preconditionFailed();
  const { version, ...current } = before.draft;
  const changes = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined));
  const definition = toDefinition({ ...current, ...changes });
  const errors = definitionErrors(definition);
  if (errors.length > 0) throw badRequest('The survey has invalid fields.', errors);
  const after = withDraft(before, { ...definition, version }, new Date().toISOString());
  await replaceSurvey(before, after);
  return { body: after, headers: { ETag: etag(after.revision) } };
});
