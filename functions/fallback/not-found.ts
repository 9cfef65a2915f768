import { requireEnv } from '../shared/config.ts';
import { httpStack } from '../shared/http.ts';
import { methodNotAllowed, notFound } from '../shared/problem.ts';
import { routeMatcher, type RouteKey } from '../shared/route-match.ts';

/**
 * The API's `$default` route: whatever matches no manifest route lands here and gets a problem answer,
 * 405 with `Allow` when the path exists under other methods, else 404. The stack hands it the manifest's
 * method and path pairs (`ROUTE_KEYS`, JSON) so that this bundle carries none of the routes' schemas.
 */
const match = routeMatcher(JSON.parse(requireEnv('ROUTE_KEYS')) as RouteKey[]);

export const handler = httpStack({ id: 'fallback', path: '$default' }).handler((event) => {
  const found = match(event.requestContext.http.method, event.rawPath);
  if (found.kind === 'wrong-method') throw methodNotAllowed(found.allow);
  throw notFound(`No route ${event.requestContext.http.method} ${event.rawPath}.`);
});
