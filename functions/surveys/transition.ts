import { httpHandler } from '../shared/http.ts';
import { preconditionFailed } from '../shared/problem.ts';
import type { AnyRoute } from '../shared/route.ts';
import { etag, ifMatchVersion } from '../shared/versioning.ts';
import { type Survey } from './model.ts';
import { replaceSurvey, requireSurvey } from './store.ts';

/**
 * A handler for a survey's state change (publish, close, next version): read, check `If-Match` when
 * sent, apply `change` (which throws 409 when the state does not allow it), write conditionally.
 */
export function transitionHandler(route: AnyRoute, change: (survey: Survey, now: string) => Survey) {
  return httpHandler(route, async ({ path, headers }) => {
    const expected = ifMatchVersion(headers, false);
    // Every transition route takes SurveyIdPath (routes.ts), so the validated path has an id.
    const before = await requireSurvey((path as { id: string }).id);
    if (expected !== undefined && expected !== before.revision) throw preconditionFailed();
    const after = change(before, new Date().toISOString());
    await replaceSurvey(before, after);
    return { body: after, headers: { ETag: etag(after.revision) } };
  });
}
