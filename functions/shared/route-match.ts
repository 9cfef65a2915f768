/**
 * Matches a request to a route template the way API Gateway does: literal segments win over `{param}`
 * segments (`/surveys/open` before `/surveys/{id}`). A path that exists under other methods yields the
 * allowed methods, so the caller can answer 405 instead of 404.
 */

export interface RouteKey {
  method: string;
  path: string;
}

export type RouteMatch<T> =
  | { kind: 'found'; route: T; params: Record<string, string> }
  | { kind: 'wrong-method'; allow: string[] }
  | { kind: 'not-found' };

interface Compiled<T> {
  route: T;
  segments: string[];
}

const isParam = (segment: string) => segment.startsWith('{') && segment.endsWith('}');
const split = (path: string) => path.split('/').filter(Boolean);

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function matchSegments(template: string[], actual: string[]): Record<string, string> | undefined {
  if (template.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, part] of template.entries()) {
    const value = actual[index] ?? '';
    if (isParam(part)) params[part.slice(1, -1)] = decode(value);
    else if (part !== value) return undefined;
  }
  return params;
}

/** Fewer parameters earlier in the path is more specific. */
function specificity(segments: string[]): string {
  return segments.map((segment) => (isParam(segment) ? '1' : '0')).join('');
}

export function routeMatcher<T extends RouteKey>(routes: readonly T[]) {
  const compiled: Compiled<T>[] = routes
    .map((route) => ({ route, segments: split(route.path) }))
    .sort((a, b) => specificity(a.segments).localeCompare(specificity(b.segments)));

  return (method: string, path: string): RouteMatch<T> => {
    const actual = split(path);
    const allow = new Set<string>();
    for (const candidate of compiled) {
      const params = matchSegments(candidate.segments, actual);
      if (!params) continue;
      if (candidate.route.method === method.toUpperCase())
        return { kind: 'found', route: candidate.route, params };
      allow.add(candidate.route.method);
    }
    return allow.size > 0 ? { kind: 'wrong-method', allow: [...allow].sort() } : { kind: 'not-found' };
  };
}
