import * as fc from 'fast-check';
import * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes.ts';
import { PAGE_LIMIT, pageQuery } from '../../functions/shared/paging.ts';
import { openApiDocument } from '../../lib/openapi.ts';

const Query = z.strictObject(pageQuery);
const document = openApiDocument('test');

type Operation = {
  parameters: { name: string; in: string; schema: Record<string, unknown> }[];
  responses: Record<
    string,
    { content?: Record<string, { schema: { properties?: Record<string, unknown> } }> }
  >;
};
const operationOf = (route: (typeof routes)[number]) =>
  (document.paths[route.path] as Record<string, Operation>)[route.method.toLowerCase()]!;

describe('one shape for every list', () => {
  it('takes limit as a whole number from 1 to 100, 20 when absent', () => {
    expect(Query.parse({})).toEqual({ limit: PAGE_LIMIT.default });
    expect(Query.parse({ limit: '1' }).limit).toBe(1);
    expect(Query.parse({ limit: '100' }).limit).toBe(100);
    for (const bad of ['0', '101', '1e1', '', ' 5', '5.0', '-1', '0x10', '1000'])
      expect(Query.safeParse({ limit: bad }).success, bad).toBe(false);
    fc.assert(
      fc.property(fc.string(), (text) => {
        const parsed = Query.safeParse({ limit: text });
        const valid = /^\d{1,3}$/.test(text) && Number(text) >= 1 && Number(text) <= 100;
        expect(parsed.success).toBe(valid);
      }),
    );
  });

  const paged = routes.filter((route) => {
    if (route.response.mediaType) return false; // pages (HTML) page with links, not a JSON list
    const { parameters } = operationOf(route);
    return parameters.some((parameter) => parameter.in === 'query' && parameter.name === 'cursor');
  });

  it('is what every paged route documents: the same limit, and { items, cursor } back', () => {
    expect(paged.map((route) => route.id).sort()).toEqual(
      [
        'exportSurveyResponses',
        'listBusinesses',
        'listDigests',
        'listEvents',
        'listImports',
        'listManagedEvents',
        'listSurveys',
      ].sort(),
    );
    for (const route of paged) {
      const { parameters, responses } = operationOf(route);
      const limit = parameters.find((parameter) => parameter.name === 'limit');
      expect(limit?.schema, route.id).toMatchObject({
        type: 'integer',
        minimum: 1,
        maximum: 100,
        default: 20,
      });
      const properties = responses['200']?.content?.['application/json']?.schema.properties;
      expect(Object.keys(properties ?? {}).sort(), route.id).toEqual(['cursor', 'items']);
    }
  });

  it('answers the unpaged lists as items too', () => {
    for (const id of ['listRegions', 'listMyBusinesses', 'listSurveyTemplates', 'openSurveys']) {
      const route = routes.find((row) => row.id === id)!;
      const properties =
        operationOf(route).responses['200']?.content?.['application/json']?.schema.properties;
      expect(properties, id).toHaveProperty('items');
    }
  });
});
