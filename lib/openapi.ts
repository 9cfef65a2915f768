import * as z from 'zod/mini';
import { routes } from '../functions/routes.ts';
import { documentedAs } from '../functions/shared/paging.ts';
import { badRequest, bodyFieldError, HttpProblem } from '../functions/shared/problem.ts';
import type { AnyRoute } from '../functions/shared/route.ts';
import { routeExamples } from './openapi-examples.ts';
import { describeProperties, fieldDescription } from './openapi-fields.ts';

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

const PROBLEM = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };

/** What API Gateway answers itself (the JWT authorizer's 401, the stage throttle's 429): `{ message }`. */
const GATEWAY = { 'application/json': { schema: { $ref: '#/components/schemas/GatewayMessage' } } };

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid input: one error per bad field',
  401: 'No valid bearer token (in AWS, API Gateway’s authorizer answers `{ "message": "Unauthorized" }`)',
  403: 'The caller’s role may not call this route',
  404: 'Not found, or not the caller’s to see',
  409: 'Conflict with the current state',
  410: 'The link has expired or was replaced',
  412: 'The If-Match version is stale: read again, then retry',
  413: 'Body larger than 64 KiB',
  415: 'Body is not of a media type the route takes',
  422: 'Understood, but the rules refuse it (e.g. above the UMKM size limits)',
  428: 'If-Match is required: send the ETag you last read',
  429: 'Too many requests (API Gateway’s throttle answers `{ "message": "Too Many Requests" }`)',
  500: 'A bug on our side; quote the correlation id',
  503: 'A dependency is unavailable; retry after the Retry-After delay',
};

/** Every status a route can give, derived from its row so that a new row cannot forget one. */
export function errorStatuses(route: AnyRoute): number[] {
  const statuses = new Set(route.errors ?? []);
  const { path, query, body } = route.request;
  if (path || query || body) statuses.add(400);
  if (route.access !== 'public') statuses.add(401);
  if (route.access === 'operator') statuses.add(403);
  if (body) [413, 415].forEach((status) => statuses.add(status));
  if (route.ifMatch) statuses.add(412);
  if (route.ifMatch === 'required') statuses.add(428);
  // Every route sits behind the stage's throttle; a busy table answers 503; a bug is always possible.
  statuses.add(429);
  if (route.table) statuses.add(503);
  statuses.add(500);
  return [...statuses].sort((a, b) => a - b);
}

const header = (name: string) => ({ $ref: `#/components/headers/${name}` });

/** What the API answers in each error status, as the product's own problem class writes it. */
const PROBLEM_DETAILS: Record<number, string> = {
  401: 'A valid bearer token is required.',
  403: 'Your role may not call this route.',
  404: 'No such resource.',
  409: 'A business with this NIB is registered already.',
  410: 'The link is no longer valid; subscribe again.',
  412: 'The record changed since you read it; read it again.',
  413: 'The request body is larger than 65536 bytes.',
  415: 'The request body must be application/json.',
  422: 'Above the menengah limits of PP 7/2021: this business is not a UMKM.',
  428: 'Send If-Match with the ETag you last read.',
  429: 'Too many requests; retry after the Retry-After delay.',
  500: 'Something went wrong on our side. Quote the correlation id if you report it.',
  503: 'The service is busy; try again shortly.',
};

/** An API Gateway request id, which the API answers as the correlation id. */
const CORRELATION_ID = 'JzD8BiH1SQ0EJ5g=';

/** One example per error status (`components.examples`), referenced by every operation that gives it. */
function problemExamples() {
  const examples: Record<string, { summary: string; value: unknown }> = {
    Problem400: {
      summary: ERROR_DESCRIPTIONS[400] ?? 'Bad Request',
      value: {
        ...badRequest('The request has invalid fields.', [
          bodyFieldError('owner.nik', 'custom', 'The NIK does not match the date of birth.'),
          { in: 'query', path: 'limit', code: 'custom', message: 'Must be a whole number from 1 to 100.' },
        ]).toBody(),
        correlationId: CORRELATION_ID,
      },
    },
    GatewayUnauthorized: {
      summary: 'API Gateway’s authorizer refused the token',
      value: { message: 'Unauthorized' },
    },
    GatewayThrottled: { summary: 'API Gateway’s throttle', value: { message: 'Too Many Requests' } },
  };
  for (const [status, detail] of Object.entries(PROBLEM_DETAILS))
    examples[`Problem${status}`] = {
      summary: ERROR_DESCRIPTIONS[Number(status)] ?? 'Error',
      value: { ...new HttpProblem(Number(status), detail).toBody(), correlationId: CORRELATION_ID },
    };
  return examples;
}

const exampleRef = (name: string) => ({ $ref: `#/components/examples/${name}` });

const ERROR_PAGE_EXAMPLE =
  '<!doctype html>\n<html lang="id">\n<head><meta charset="utf-8"><title>Tautan tidak berlaku · UMKM Kota Bekasi</title></head>\n' +
  '<body><main><h1>Tautan tidak berlaku</h1><p>Tautan ini sudah kedaluwarsa atau diganti. / This link has expired or was replaced.</p></main></body>\n</html>\n';

function errorResponse(status: number, route: AnyRoute) {
  const headers: Record<string, unknown> = { 'X-Correlation-Id': header('X-Correlation-Id') };
  if (status === 429 || status === 503) headers['Retry-After'] = header('Retry-After');
  const problem = route.response.errorPages
    ? {
        'text/html': {
          schema: { type: 'string', description: 'A page that explains the problem' },
          example: ERROR_PAGE_EXAMPLE,
        },
      }
    : {
        'application/problem+json': {
          ...PROBLEM['application/problem+json'],
          ...(status === 400 || PROBLEM_DETAILS[status]
            ? { examples: { [`status${status}`]: exampleRef(`Problem${status}`) } }
            : {}),
        },
      };
  const gateway = {
    'application/json': {
      ...GATEWAY['application/json'],
      examples: { gateway: exampleRef(status === 401 ? 'GatewayUnauthorized' : 'GatewayThrottled') },
    },
  };
  const content = status === 401 || status === 429 ? { ...problem, ...gateway } : problem;
  // The gateway's own answers carry no correlation id.
  if (status === 401 || status === 429) delete headers['X-Correlation-Id'];
  return {
    description: ERROR_DESCRIPTIONS[status] ?? 'Error',
    headers,
    content,
  };
}

const BODY_MEDIA_TYPES = {
  json: ['application/json'],
  'json-or-form': ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'],
  form: ['application/x-www-form-urlencoded', 'multipart/form-data'],
} as const;

/** A text answer is a string; anything else (images, spreadsheets) is bytes. */
const textSchema = (mediaType: string) =>
  mediaType.startsWith('text/') ? { type: 'string' } : { type: 'string', format: 'binary' };

/** The success answer's content: its schema as JSON, or the non-JSON media types the row declares. */
function successContent(route: AnyRoute) {
  const { schema, mediaType, alternatives = [] } = route.response;
  const examples = routeExamples[route.id];
  const text = (type: string) => ({ schema: textSchema(type), ...exampleOf(examples?.text?.[type]) });
  const content: Record<string, unknown> = {};
  if (mediaType) content[mediaType] = text(mediaType);
  else if (schema)
    content['application/json'] = {
      schema: describeProperties(toSchema(schema, 'output'), route.tag),
      ...exampleOf(examples?.response),
    };
  for (const type of alternatives) content[type] = text(type);
  return Object.keys(content).length > 0 ? { content } : {};
}

/** A media type's `example`, from `openapi-examples.ts` (none when the route has none yet). */
const exampleOf = (value: unknown) => (value === undefined ? {} : { example: value });

function successHeaders(route: AnyRoute) {
  const headers: Record<string, unknown> = { 'X-Correlation-Id': header('X-Correlation-Id') };
  for (const name of route.response.headers ?? []) headers[name] = header(name);
  return headers;
}

/** Path and query parameters from an object schema's properties. */
function parameters(location: 'path' | 'query', schema: z.ZodMiniType | undefined, route: AnyRoute) {
  if (!schema) return [];
  const json = toSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const description =
      typeof property.description === 'string'
        ? property.description
        : fieldDescription(name, location, route.tag, route.path);
    return {
      name,
      in: location,
      required: location === 'path' || (json.required ?? []).includes(name),
      schema: property,
      ...(description ? { description } : {}),
    };
  });
}

function headerParameters(route: AnyRoute) {
  const found: unknown[] = [];
  if (route.ifMatch)
    found.push({
      name: 'If-Match',
      in: 'header',
      required: route.ifMatch === 'required',
      description:
        'The `ETag` of the version you last read (e.g. `"3"`). ' +
        (route.ifMatch === 'required' ? 'Required: 428 without it; ' : 'Optional; ') +
        '412 when the record has changed since.',
      schema: { type: 'string', examples: ['"3"'] },
    });
  if (route.response.headers?.includes('ETag') && route.method === 'GET' && route.response.errorPages)
    found.push({
      name: 'If-None-Match',
      in: 'header',
      required: false,
      description: 'The `ETag` of the copy you hold: 304 with no body when it is still current.',
      schema: { type: 'string' },
    });
  return found;
}

function operation(route: AnyRoute) {
  const { path, query, body } = route.request;
  const success = successContent(route);
  const notModified = headerParameters(route).length > 0 && route.method === 'GET' && !route.ifMatch;
  return {
    operationId: route.id,
    summary: route.summary,
    tags: [route.tag],
    security: route.access === 'public' ? [] : [{ bearer: [] }],
    ...(route.access === 'operator'
      ? { description: 'Dinas operators only (Cognito group `operators`).' }
      : {}),
    parameters: [
      ...parameters('path', path, route),
      ...parameters('query', query, route),
      ...headerParameters(route),
    ],
    ...(body
      ? {
          requestBody: {
            required: true,
            content: Object.fromEntries(
              BODY_MEDIA_TYPES[route.bodyFormat ?? 'json'].map((type) => [
                type,
                {
                  schema: describeProperties(toSchema(body, 'input'), route.tag),
                  ...exampleOf(routeExamples[route.id]?.request),
                },
              ]),
            ),
          },
        }
      : {}),
    responses: {
      [String(route.response.status)]: {
        description: route.response.description,
        headers: successHeaders(route),
        ...success,
      },
      ...Object.fromEntries(
        (route.response.others ?? []).map((other) => [
          String(other.status),
          {
            description: other.description,
            headers: successHeaders({
              ...route,
              response: { ...route.response, headers: other.headers ?? [] },
            }),
            ...(other.schema
              ? {
                  content: {
                    'application/json': {
                      schema: describeProperties(toSchema(other.schema, 'output'), route.tag),
                      ...exampleOf(routeExamples[route.id]?.others?.[other.status]),
                    },
                  },
                }
              : {}),
          },
        ]),
      ),
      ...(notModified
        ? {
            '304': {
              description: 'Not modified: the copy named by If-None-Match is current',
              headers: { ETag: header('ETag'), 'Cache-Control': header('Cache-Control') },
            },
          }
        : {}),
      ...Object.fromEntries(
        errorStatuses(route).map((status) => [String(status), errorResponse(status, route)]),
      ),
    },
  };
}

const TAG_DESCRIPTIONS: Record<string, string> = {
  Operations: 'Whether the API and its table answer.',
  Regions: 'Kota Bekasi’s kecamatan and kelurahan with their official codes (Kemendagri) and postal codes.',
  Account: 'The signed-in account: roles, and everything the service holds about the caller (UU PDP).',
  Businesses: 'UMKM registration by owners, and the registry operators verify and filter.',
  Events: 'Trainings, exhibitions and bazaars: operators draft, publish and cancel; anyone lists them.',
  Subscriptions:
    'Citizens’ subscriptions to the weekly events digest: double opt-in, preferences, unsubscribe.',
  Surveys: 'Needs surveys: operators define and publish them, owners answer for their businesses.',
  Digest: 'The weekly events digest: runs, their counters, and a preview.',
  Claims:
    'Owners taking over a record the Dinas imported: a one-time code by mail, or a printed claim letter.',
  Imports:
    'Bulk import of the records the Dinas already holds (CSV or XLSX through a presigned upload), its progress and its row report.',
  Pages: 'Server-rendered HTML pages the mails link to, and the public event pages.',
};

const HEADERS = {
  'X-Correlation-Id': {
    description: 'The request’s id; quote it when reporting a problem.',
    required: true,
    schema: { type: 'string' },
  },
  ETag: {
    description: 'The version of the record (strong); send it back in If-Match to change the record.',
    required: true,
    schema: { type: 'string', examples: ['"1"'] },
  },
  Location: {
    description: 'Path of the created resource.',
    required: true,
    schema: { type: 'string', examples: ['/businesses/01JD3Q5V8Y9Z0ABCDEFGHJKMNP'] },
  },
  'X-Next-Cursor': {
    description: 'The cursor of the next page (also in the JSON body); absent on the last page.',
    schema: { type: 'string' },
  },
  'Content-Disposition': {
    description: 'The file name a browser saves the answer under.',
    schema: { type: 'string' },
  },
  'Cache-Control': {
    description: 'How long browsers and CDNs may keep the answer.',
    schema: { type: 'string', examples: ['public, max-age=60', 'private, no-store'] },
  },
  'Retry-After': {
    description: 'Seconds to wait before retrying.',
    schema: { type: 'string', examples: ['2'] },
  },
};

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
      license: {
        name: 'UNLICENSED: Pemerintah Kota Bekasi, not for reuse',
        identifier: 'LicenseRef-UNLICENSED',
      },
      description:
        'Backend of Kota Bekasi’s UMKM programme (Dinas Koperasi dan UKM): business registration, needs ' +
        'surveys, events and the weekly digest. Errors are RFC 9457 problem details.',
    },
    servers: [
      { url: 'http://127.0.0.1:3000', description: 'The local stack (`npm start`; another port with PORT)' },
      {
        url: 'https://{apiId}.execute-api.ap-southeast-3.amazonaws.com',
        description: 'A deployed stage (the stack output `ApiUrl`)',
        variables: { apiId: { default: 'example', description: 'The HTTP API’s id' } },
      },
    ],
    tags: [...new Set(routes.map((route) => route.tag))].map((name) => ({
      name,
      description: TAG_DESCRIPTIONS[name] ?? name,
    })),
    paths,
    components: {
      headers: HEADERS,
      examples: problemExamples(),
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A Cognito ID token (locally: `npm run token -- --role owner|operator`).',
        },
      },
      schemas: {
        GatewayMessage: {
          type: 'object',
          description: 'An answer API Gateway gives itself, before any function runs.',
          required: ['message'],
          properties: {
            message: {
              type: 'string',
              description: 'What the gateway refused: `Unauthorized` or `Too Many Requests`.',
              examples: ['Unauthorized'],
            },
          },
        },
        Problem: {
          type: 'object',
          description: 'An RFC 9457 problem detail: what went wrong, and for bad input every bad field.',
          required: ['type', 'title', 'status'],
          properties: {
            type: {
              type: 'string',
              description:
                'A relative URI naming the kind of problem, e.g. `/problems/validation`, `/problems/not-found`.',
            },
            title: { type: 'string', description: 'A short summary of the kind of problem, in English.' },
            status: { type: 'integer', description: 'The HTTP status code, repeated.' },
            detail: { type: 'string', description: 'What went wrong in this request, in English.' },
            correlationId: {
              type: 'string',
              description:
                'The request’s id (also in `X-Correlation-Id`); quote it when reporting a problem.',
            },
            errors: {
              type: 'array',
              description: 'For 400 and 422: one entry per bad field, all at once.',
              items: {
                type: 'object',
                required: ['in', 'path', 'code', 'message'],
                properties: {
                  in: {
                    type: 'string',
                    enum: ['path', 'query', 'body', 'header'],
                    description: 'Where the field is: `path`, `query`, `body` or `header`.',
                  },
                  path: { type: 'string', description: 'Dotted path of the field, e.g. `owner.nik`' },
                  code: {
                    type: 'string',
                    description:
                      'A machine-readable reason (zod issue codes, e.g. `invalid_format`, `custom`).',
                  },
                  message: { type: 'string', description: 'What is wrong with the field, in English.' },
                },
              },
            },
          },
          examples: [
            {
              type: '/problems/validation',
              title: 'Bad Request',
              status: 400,
              detail: 'The request has invalid fields.',
              correlationId: 'JzD8BiH1SQ0EJ5g=',
              errors: [
                {
                  in: 'body',
                  path: 'owner.nik',
                  code: 'custom',
                  message: 'The NIK does not match the date of birth.',
                },
              ],
            },
          ],
        },
      },
    },
  };
}
