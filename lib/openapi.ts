import * as z from 'zod/mini';
import { routes } from '../functions/routes.ts';
import { documentedAs } from '../functions/shared/paging.ts';
import type { AnyRoute } from '../functions/shared/route.ts';

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodMiniType, io: 'input' | 'output'): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    // A query field that arrives as text but means a number is documented as what it means.
    override: ({ zodSchema, jsonSchema }) => {
      const shown = documentedAs.get(zodSchema as unknown as z.ZodMiniType);
      if (!shown) return;
      for (const key of Object.keys(jsonSchema)) delete (jsonSchema as JsonSchema)[key];
      Object.assign(jsonSchema, shown);
    },
  }) as JsonSchema;
  return rest;
};

const problemResponse = (description: string, route: AnyRoute) => ({
  description,
  content:
    route.response.mediaType === 'text/html'
      ? { 'text/html': { schema: { type: 'string', description: 'A page that explains the problem' } } }
      : { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

const BODY_MEDIA_TYPES = {
  json: ['application/json'],
  'json-or-form': ['application/json', 'application/x-www-form-urlencoded'],
  form: ['application/x-www-form-urlencoded'],
} as const;

/** The success answer's content: its schema as JSON, or the non-JSON media type the row declares. */
function successContent(route: AnyRoute) {
  const { schema, mediaType } = route.response;
  if (mediaType)
    return {
      content: {
        [mediaType]: {
          schema: mediaType.startsWith('image/') ? { type: 'string', format: 'binary' } : { type: 'string' },
        },
      },
    };
  return schema ? { content: { 'application/json': { schema: toSchema(schema, 'output') } } } : {};
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: one error per bad field',
  401: 'No valid bearer token',
  403: 'The caller’s role may not call this route',
  404: 'Not found, or not the caller’s to see',
  409: 'Conflict with the current state',
  412: 'The If-Match version is stale',
  413: 'Body larger than 64 KiB',
  415: 'Body is not of a media type the route takes',
  428: 'If-Match is required',
  429: 'Too many requests',
  503: 'A dependency is unavailable; retry after the Retry-After delay',
};

function errorStatuses(route: AnyRoute): number[] {
  const statuses = new Set(route.errors ?? []);
  const { path, query, body } = route.request;
  if (path || query || body) statuses.add(400);
  if (route.access !== 'public') statuses.add(401);
  if (route.access === 'operator') statuses.add(403);
  if (body) [413, 415].forEach((status) => statuses.add(status));
  return [...statuses].sort();
}

/** Path and query parameters from an object schema's properties. */
function parameters(location: 'path' | 'query', schema: z.ZodMiniType | undefined) {
  if (!schema) return [];
  const json = toSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    schema: property,
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
  }));
}

function operation(route: AnyRoute) {
  const { path, query, body } = route.request;
  const success = successContent(route);
  return {
    operationId: route.id,
    summary: route.summary,
    tags: [route.tag],
    security: route.access === 'public' ? [] : [{ bearer: [] }],
    ...(route.access === 'operator'
      ? { description: 'Dinas operators only (Cognito group `operators`).' }
      : {}),
    parameters: [...parameters('path', path), ...parameters('query', query)],
    ...(body
      ? {
          requestBody: {
            required: true,
            content: Object.fromEntries(
              BODY_MEDIA_TYPES[route.bodyFormat ?? 'json'].map((type) => [
                type,
                { schema: toSchema(body, 'input') },
              ]),
            ),
          },
        }
      : {}),
    responses: {
      [String(route.response.status)]: { description: route.response.description, ...success },
      ...Object.fromEntries(
        errorStatuses(route).map((status) => [
          String(status),
          problemResponse(ERROR_DESCRIPTIONS[status] ?? 'Error', route),
        ]),
      ),
    },
  };
}

/** The OpenAPI 3.1 document, built from the route manifest and its zod schemas. */
export function openApiDocument(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'UMKM Hub API',
      version,
      description:
        'Backend of Kota Bekasi’s UMKM programme (Dinas Koperasi dan UKM): business registration, needs ' +
        'surveys, events and the weekly digest. Errors are RFC 9457 problem details.',
    },
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A Cognito ID token (locally: `npm run token -- --role owner|operator`).',
        },
      },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            correlationId: { type: 'string' },
            errors: {
              type: 'array',
              items: {
                type: 'object',
                required: ['in', 'path', 'code', 'message'],
                properties: {
                  in: { type: 'string', enum: ['path', 'query', 'body', 'header'] },
                  path: { type: 'string', description: 'Dotted path of the field, e.g. `owner.nik`' },
                  code: { type: 'string' },
                  message: { type: 'string' },
                },
              },
            },
          },
        },
      },
    },
  };
}
