import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes.ts';
import { openApiDocument } from '../../lib/openapi.ts';
import { packageVersion } from '../../lib/package-info.ts';

const document = openApiDocument(packageVersion);

describe('the OpenAPI document', () => {
  it('is committed up to date (run `npm run openapi` after changing routes or schemas)', () => {
    const committed = JSON.parse(
      readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'),
    ) as unknown;
    expect(committed).toEqual(JSON.parse(JSON.stringify(document)));
  });

  it('has one operation per manifest route, naming its security', () => {
    for (const route of routes) {
      const operation = (
        document.paths[route.path] as Record<string, { operationId: string; security: unknown[] }>
      )[route.method.toLowerCase()];
      expect(operation?.operationId).toBe(route.id);
      expect(operation?.security).toEqual(route.access === 'public' ? [] : [{ bearer: [] }]);
    }
  });
});
