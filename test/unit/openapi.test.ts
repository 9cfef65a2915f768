import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createConfig, lint } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes.ts';
import { errorStatuses, openApiDocument } from '../../lib/openapi.ts';
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

  it('passes Redocly lint (recommended rules) with no error and no warning', async () => {
    const problems = await lint({
      ref: fileURLToPath(new URL('../../docs/openapi.json', import.meta.url)),
      config: await createConfig({ extends: ['recommended'] }),
    });
    expect(problems.map(({ severity, ruleId, message }) => `${severity} ${ruleId}: ${message}`)).toEqual([]);
  }, 30_000);

  type Operation = {
    parameters: { name: string; in: string; required: boolean }[];
    responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, unknown> }>;
  };
  const operationOf = (route: (typeof routes)[number]) =>
    (document.paths[route.path] as Record<string, Operation>)[route.method.toLowerCase()]!;

  it('documents every status a row implies, with its headers and media types', () => {
    for (const route of routes) {
      const { parameters, responses } = operationOf(route);
      const statuses = Object.keys(responses).map(Number);
      expect(statuses, route.id).toEqual(expect.arrayContaining([route.response.status, 429, 500]));
      if (route.table) expect(statuses, route.id).toContain(503);
      if (route.ifMatch) {
        expect(statuses, route.id).toContain(412);
        const ifMatch = parameters.find((parameter) => parameter.name === 'If-Match');
        expect(ifMatch, route.id).toMatchObject({ in: 'header', required: route.ifMatch === 'required' });
        if (route.ifMatch === 'required') expect(statuses, route.id).toContain(428);
      }
      const success = responses[String(route.response.status)]!;
      for (const name of ['X-Correlation-Id', ...(route.response.headers ?? [])])
        expect(success.headers, `${route.id} ${name}`).toHaveProperty([name]);
      if (route.response.mediaType)
        expect(Object.keys(success.content ?? {}), route.id).toContain(route.response.mediaType);
      for (const status of [429, 503].filter((code) => statuses.includes(code)))
        expect(responses[String(status)]?.headers, `${route.id} ${status}`).toHaveProperty(['Retry-After']);
      expect(statuses.filter((status) => status >= 400).sort((a, b) => a - b)).toEqual(errorStatuses(route));
    }
  });

  it('documents the non-JSON answers as what they are', () => {
    const types = (id: string) => {
      const route = routes.find((row) => row.id === id)!;
      return Object.keys(operationOf(route).responses['200']?.content ?? {});
    };
    expect(types('eventsCalendar')).toEqual(['text/calendar']);
    expect(types('previewDigest')).toEqual(['text/html']);
    expect(types('exportSurveyResponses')).toEqual(['application/json', 'text/csv']);
  });

  it('names its servers and describes every tag it uses', () => {
    expect(document.servers.length).toBeGreaterThan(0);
    const used = new Set(routes.map((route) => route.tag));
    expect(document.tags.map((tag) => tag.name).sort()).toEqual([...used].sort());
    for (const tag of document.tags) expect(tag.description, tag.name).not.toBe(tag.name);
  });
});
