import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { OpenAPIRouter } from 'openapi-backend';
import type { OpenAPIV3_1 } from 'openapi-types';
import document from '../../docs/openapi.json' with { type: 'json' };

/*
 * Checks an HTTP answer against docs/openapi.json: the operation is found by openapi-backend's router
 * (method and path template, as a generated client would pick it), the status must be one the operation
 * documents, the media type one that status documents, every required header present, and a JSON body
 * must validate against the documented schema with Ajv (JSON Schema 2020-12, the dialect of OpenAPI 3.1).
 */

type Definition = OpenAPIV3_1.Document;
const definition = document as unknown as Definition;
const router = new OpenAPIRouter({ definition });
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats.default(ajv);
ajv.addSchema(definition, 'openapi.json');

const pointer = (...parts: string[]) =>
  parts.map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
const validatorAt = (ref: string) => {
  let validate = compiled.get(ref);
  if (!validate) compiled.set(ref, (validate = ajv.compile({ $ref: `openapi.json#/${ref}` })));
  return validate;
};

/**
 * Answers given before any operation is chosen (README, HTTP conventions): the fallback's 404 and 405, and
 * the gateway's 413 for a body over its 10 MB limit.
 */
const FALLBACK_STATUSES = new Set([404, 405, 413]);

export interface Checked {
  operationId: string;
  status: number;
  violations: string[];
}

type ResponseObject = OpenAPIV3_1.ResponseObject & { headers?: Record<string, { $ref?: string }> };

/** The violations of one answer (an empty list when it is what the document says). */
export function checkResponse(
  request: { method: string; path: string },
  response: { status: number; headers: Headers; body: string },
): Checked {
  const operation = router.matchOperation({
    method: request.method.toLowerCase(),
    path: request.path,
    headers: {},
  });
  const violations: string[] = [];
  const contentType = response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (!operation) {
    // An unknown path or method: the fallback's 404/405 problem, or the CORS preflight's 204.
    if (request.method === 'OPTIONS' && response.status === 204)
      return { operationId: 'preflight', status: 204, violations };
    if (!FALLBACK_STATUSES.has(response.status))
      violations.push(`${request.method} ${request.path}: no operation, yet ${response.status}`);
    else if (contentType !== 'application/problem+json')
      violations.push(`${request.method} ${request.path}: fallback ${response.status} as ${contentType}`);
    else check(validatorAt('components/schemas/Problem'), JSON.parse(response.body) as unknown, violations);
    return { operationId: 'fallback', status: response.status, violations };
  }
  const where = `${operation.operationId ?? '?'} ${response.status}`;
  const base = ['paths', operation.path, operation.method];
  // A 405 from API Gateway's method routing is the fallback's, whatever the path.
  const responses = (operation.responses ?? {}) as Record<string, ResponseObject>;
  const documented = responses[String(response.status)];
  if (!documented) {
    violations.push(`${where}: status not documented (has ${Object.keys(responses).join(', ')})`);
    return { operationId: operation.operationId ?? '?', status: response.status, violations };
  }
  for (const [name, headerRef] of Object.entries(documented.headers ?? {})) {
    const header = headerRef.$ref
      ? (definition.components?.headers?.[headerRef.$ref.split('/').at(-1)!] as OpenAPIV3_1.HeaderObject)
      : (headerRef as OpenAPIV3_1.HeaderObject);
    if (header.required && !response.headers.has(name)) violations.push(`${where}: header ${name} missing`);
  }
  const content = documented.content ?? {};
  if (response.status === 204 || response.status === 304 || response.body === '') {
    if (response.body !== '') violations.push(`${where}: a body where none is documented`);
    return { operationId: operation.operationId ?? '?', status: response.status, violations };
  }
  // A documented range (`image/*`) covers each type in it, as OpenAPI's media type keys do.
  const covered = (type: string) => type in content || `${type.split('/')[0]}/*` in content;
  if (!contentType || !covered(contentType)) {
    violations.push(
      `${where}: media type ${String(contentType)}, documented ${Object.keys(content).join(', ')}`,
    );
  } else if (contentType.endsWith('json')) {
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      violations.push(`${where}: ${contentType} body is not JSON`);
    }
    if (body !== undefined) {
      const ref = pointer(...base, 'responses', String(response.status), 'content', contentType, 'schema');
      check(validatorAt(ref), body, violations, where);
    }
  }
  return { operationId: operation.operationId ?? '?', status: response.status, violations };
}

function check(validate: ReturnType<typeof ajv.compile>, body: unknown, violations: string[], where = '') {
  if (validate(body)) return;
  for (const error of validate.errors ?? [])
    violations.push(
      `${where}: body${error.instancePath} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
    );
}
