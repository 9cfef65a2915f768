import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type * as z from 'zod/mini';
import { authorize, callerFrom, type Caller } from './auth.ts';
import { corsAllowOrigins } from './config.ts';
import { CORS_EXPOSE_HEADERS } from './cors.ts';
import { logger } from './logger.ts';
import {
  HttpProblem,
  PROBLEM_CONTENT_TYPE,
  badRequest,
  contentTooLarge,
  serviceUnavailable,
  unsupportedMediaType,
  type FieldError,
  type FieldLocation,
} from './problem.ts';
import type { AnyRoute } from './route.ts';
import { toFieldErrors } from './validation.ts';
import { MultipartError, multipartBoundary, parseMultipart } from './multipart.ts';

/** Largest request body the API takes (64 KiB); API Gateway itself stops at 10 MB. */
export const BODY_LIMIT_BYTES = 64 * 1024;

type Infer<S> = [NonNullable<S>] extends [never]
  ? undefined
  : NonNullable<S> extends z.ZodMiniType
    ? z.output<NonNullable<S>>
    : undefined;

export interface HttpRequest<R extends AnyRoute> {
  path: Infer<R['request']['path']>;
  query: Infer<R['request']['query']>;
  body: Infer<R['request']['body']>;
  /** The verified caller; always present on `owner` and `operator` routes. */
  caller: R['access'] extends 'public' ? Caller | undefined : Caller;
  /** Request headers, names lower-cased. */
  headers: Record<string, string | undefined>;
  /** API Gateway's request id: the correlation id a caller sees on errors. */
  requestId: string;
}

export interface HttpResult {
  status?: number;
  /**
   * Serialised as JSON unless a `content-type` header says otherwise (then it must be a string, or a
   * Buffer for binary content such as an image).
   */
  body?: unknown;
  headers?: Record<string, string>;
}

type HttpContext = Context & { input?: { path: unknown; query: unknown; body: unknown; caller?: Caller } };
type MiddyRequest = middy.Request<
  APIGatewayProxyEventV2,
  APIGatewayProxyStructuredResultV2,
  Error,
  HttpContext
>;

const isJson = (contentType: string | undefined) =>
  contentType !== undefined && /^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(contentType);

const isForm = (contentType: string | undefined) =>
  contentType !== undefined && /^application\/x-www-form-urlencoded\s*(;|$)/i.test(contentType);

/** Form fields as an object; a field sent twice keeps its last value. */
const parseForm = (pairs: Iterable<[string, string]>): Record<string, string> => Object.fromEntries(pairs);

/** Form fields as an object; a field sent more than once (checkboxes of one name) keeps every value. */
function parseMultiForm(pairs: Iterable<[string, string]>): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [name, value] of pairs) {
    const seen = fields[name];
    fields[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return { ...fields };
}

const ACCEPTED_BODIES = {
  json: 'application/json',
  'json-or-form': 'application/json, application/x-www-form-urlencoded or multipart/form-data',
  form: 'application/x-www-form-urlencoded or multipart/form-data',
} as const;

/** A form body's fields: URL-encoded, or multipart (RFC 8058 recommends it for one-click POSTs). */
function formPairs(contentType: string | undefined, bytes: Buffer): [string, string][] | undefined {
  if (isForm(contentType)) return [...new URLSearchParams(bytes.toString('utf8'))];
  const boundary = multipartBoundary(contentType);
  if (boundary === undefined) return undefined;
  try {
    return parseMultipart(bytes, boundary);
  } catch (error) {
    if (!(error instanceof MultipartError)) throw error;
    throw badRequest('The request body is not valid multipart/form-data.', [
      { in: 'body', path: '', code: 'invalid_multipart', message: error.message },
    ]);
  }
}

function parseBody(route: AnyRoute, event: APIGatewayProxyEventV2): unknown {
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.byteLength > BODY_LIMIT_BYTES) throw contentTooLarge(BODY_LIMIT_BYTES);
  if (bytes.byteLength === 0) return undefined;
  if (!route.request.body) {
    throw badRequest('This route takes no request body.', [
      { in: 'body', path: '', code: 'unexpected_body', message: 'No body is expected.' },
    ]);
  }
  const contentType = event.headers['content-type'];
  const format = route.bodyFormat ?? 'json';
  const form = format === 'json' ? undefined : formPairs(contentType, bytes);
  if (form && format === 'form') return parseMultiForm(form);
  if (form) return parseForm(form);
  if (format === 'form' || !isJson(contentType)) throw unsupportedMediaType(ACCEPTED_BODIES[format]);
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    throw badRequest('The request body is not valid JSON.', [
      { in: 'body', path: '', code: 'invalid_json', message: 'Not valid JSON.' },
    ]);
  }
}

function validatePart(
  location: FieldLocation,
  schema: z.ZodMiniType | undefined,
  value: unknown,
  errors: FieldError[],
): unknown {
  if (!schema) {
    const keys = value && typeof value === 'object' ? Object.keys(value) : [];
    for (const key of keys) {
      errors.push({ in: location, path: key, code: 'unrecognized_key', message: 'Unknown field.' });
    }
    return undefined;
  }
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  errors.push(...toFieldErrors(location, result.error.issues));
  return undefined;
}

/** Authorisation, body parsing and validation, in the order API Gateway would answer them. */
const prepareInput = (route: AnyRoute) => ({
  before: (request: MiddyRequest) => {
    const { event } = request;
    const caller = callerFrom(event);
    authorize(route.access, caller);
    const rawBody = parseBody(route, event);
    const errors: FieldError[] = [];
    const path = validatePart('path', route.request.path, event.pathParameters ?? {}, errors);
    const query = validatePart('query', route.request.query, event.queryStringParameters ?? {}, errors);
    const body = route.request.body ? validatePart('body', route.request.body, rawBody, errors) : undefined;
    if (errors.length > 0) throw badRequest('The request has invalid fields.', errors);
    request.context.input = { path, query, body, ...(caller ? { caller } : {}) };
  },
});

/** Header names lower-cased (API Gateway's v2 payload already does; direct invocations may not). */
const normaliseHeaders = () => ({
  before: (request: MiddyRequest) => {
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(request.event.headers ?? {}))
      headers[name.toLowerCase()] = value;
    request.event.headers = headers;
  },
});

const ALLOWED_ORIGINS = new Set(corsAllowOrigins);
const EXPOSE_HEADERS = CORS_EXPOSE_HEADERS.join(',');

/**
 * CORS on actual responses for the configured origins; preflights are answered by API Gateway's CORS
 * configuration (and the local server) from the same settings. (`@middy/http-cors` and
 * `@middy/http-header-normalizer` were measured at 5.4 KB per bundle for what these 20 lines do.)
 */
const cors = () => {
  const add = (request: MiddyRequest) => {
    const origin = request.event.headers?.origin;
    if (!request.response) return;
    const headers = { ...request.response.headers, Vary: 'Origin' };
    if (origin && ALLOWED_ORIGINS.has(origin)) {
      Object.assign(headers, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Expose-Headers': EXPOSE_HEADERS,
      });
    }
    request.response.headers = headers;
  };
  return { after: add, onError: add };
};

/** Errors that mean "busy, try again", not "broken". */
const OVERLOAD_ERRORS = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TransactionConflictException',
  'LimitExceededException',
]);

/** How a route answers a problem when not with problem+json (pages answer with an HTML page). */
export type ProblemRenderer = (
  problem: HttpProblem,
  request: { headers: Record<string, string | undefined>; requestId: string },
) => { contentType: string; body: string; headers?: Record<string, string> };

/**
 * Every error becomes a problem+json response (or the route's own rendering of the problem); an
 * unexpected one becomes a 500 with no internals.
 */
const problemResponses = (render?: ProblemRenderer) => ({
  onError: (request: MiddyRequest) => {
    const requestId = request.event.requestContext?.requestId ?? request.context.awsRequestId;
    const error = request.error;
    let problem: HttpProblem;
    if (error instanceof HttpProblem) {
      problem = error;
    } else if (error && OVERLOAD_ERRORS.has(error.name)) {
      // DynamoDB kept throttling after the SDK's own retries: the caller may try again shortly.
      logger.warn('dependency overloaded', { errorName: error.name });
      problem = serviceUnavailable('The service is busy; try again shortly.', 2);
    } else {
      // The stack without its first line: the message of a driver error may quote input values.
      logger.error('unhandled error', {
        errorName: error?.name,
        stack: error?.stack?.split('\n').slice(1).join('\n'),
      });
      problem = new HttpProblem(
        500,
        'Something went wrong on our side. Quote the correlation id if you report it.',
      );
    }
    const rendered = render?.(problem, { headers: request.event.headers ?? {}, requestId });
    request.response = rendered
      ? {
          statusCode: problem.status,
          headers: {
            ...problem.headers,
            ...rendered.headers,
            'Content-Type': rendered.contentType,
            'X-Correlation-Id': requestId,
          },
          body: rendered.body,
        }
      : {
          statusCode: problem.status,
          headers: {
            ...problem.headers,
            'Content-Type': PROBLEM_CONTENT_TYPE,
            'X-Correlation-Id': requestId,
          },
          body: JSON.stringify({ ...problem.toBody(), correlationId: requestId }),
        };
  },
});

/** One log line per request: route, status and duration, never the body, query or personal data. */
const accessLog = (route: { id: string; path: string }) => {
  const started = new WeakMap<object, number>();
  const log = (request: MiddyRequest) => {
    const status = request.response?.statusCode ?? 500;
    const fields = {
      route: route.id,
      method: request.event.requestContext?.http?.method,
      path: route.path,
      status,
      durationMs: Math.round(performance.now() - (started.get(request) ?? performance.now())),
      requestId: request.event.requestContext?.requestId,
    };
    if (status >= 500) logger.error('request', fields);
    else logger.info('request', fields);
  };
  return {
    before: (request: MiddyRequest) => void started.set(request, performance.now()),
    after: log,
    onError: log,
  };
};

function toResult(result: HttpResult, requestId: string): APIGatewayProxyStructuredResultV2 {
  const headers: Record<string, string> = { 'X-Correlation-Id': requestId, ...result.headers };
  const status = result.status ?? 200;
  if (result.body === undefined) return { statusCode: status, headers };
  const hasType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
  if (hasType && typeof result.body === 'string') return { statusCode: status, headers, body: result.body };
  if (hasType && Buffer.isBuffer(result.body))
    return { statusCode: status, headers, body: result.body.toString('base64'), isBase64Encoded: true };
  return {
    statusCode: status,
    headers: { ...headers, 'Content-Type': 'application/json' },
    body: JSON.stringify(result.body),
  };
}

/**
 * Security headers for a JSON API read by browsers on other origins: nothing may be framed, sniffed,
 * executed or sent over plain HTTP. (`@middy/http-security-headers` was measured: 5.4 KB per bundle for
 * mostly document-only policies that an API does not need.)
 */
const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'cross-origin',
};

/** A handler may set its own value of these (a page's policy allows its stylesheet and images). */
const securityHeaders = () => {
  const add = (request: MiddyRequest) => {
    if (request.response) request.response.headers = { ...SECURITY_HEADERS, ...request.response.headers };
  };
  return { after: add, onError: add };
};

export interface HttpStackOptions {
  /** Answers problems in the route's own media type (HTML pages) instead of problem+json. */
  renderProblem?: ProblemRenderer;
}

/** The middleware every API function shares: headers, access log, CORS, security headers, problems. */
export function httpStack(route: { id: string; path: string }, options: HttpStackOptions = {}) {
  return middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, HttpContext>()
    .use(normaliseHeaders())
    .use(accessLog(route))
    .use(cors())
    .use(securityHeaders())
    .use(problemResponses(options.renderProblem));
}

/**
 * Wraps a route's handler in the one HTTP stack every API function shares. The handler receives typed,
 * validated input and the verified caller, and returns a status, body and headers.
 */
export function httpHandler<R extends AnyRoute>(
  route: R,
  handle: (request: HttpRequest<R>) => Promise<HttpResult>,
  options: HttpStackOptions = {},
) {
  return httpStack(route, options)
    .use(prepareInput(route))
    .handler(async (event, context) => {
      const input = context.input;
      if (!input) throw new Error('input was not prepared');
      const requestId = event.requestContext.requestId;
      const result = await handle({
        path: input.path,
        query: input.query,
        body: input.body,
        caller: input.caller,
        headers: event.headers,
        requestId,
      } as HttpRequest<R>);
      return toResult(result, requestId);
    });
}
