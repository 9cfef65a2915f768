/**
 * The error model: every failure the API reports is an RFC 9457 problem. Handlers throw these;
 * the HTTP stack turns them into `application/problem+json` responses in one place.
 */

export type FieldLocation = 'path' | 'query' | 'body' | 'header';

/** One bad field: where it was, its dotted path (`owner.nik`, `products.0.name`), a code and a message. */
export interface FieldError {
  in: FieldLocation;
  path: string;
  code: string;
  message: string;
}

/** A bad field of the request body (the errors rules across fields report, beside the schema's). */
export const bodyFieldError = (path: string, code: string, message: string): FieldError => ({
  in: 'body',
  path,
  code,
  message,
});

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
  correlationId?: string;
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export class HttpProblem extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;

  constructor(
    status: number,
    detail: string,
    options: { type?: string; errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = 'HttpProblem';
    this.status = status;
    this.title = TITLES[status] ?? 'Error';
    this.type = `/problems/${options.type ?? this.title.toLowerCase().replaceAll(' ', '-')}`;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
  }

  toBody(): ProblemBody {
    return {
      type: this.type,
      title: this.title,
      status: this.status,
      detail: this.message,
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new HttpProblem(400, detail, errors ? { type: 'validation', errors } : {});
export const unauthorized = (detail = 'A valid bearer token is required.') =>
  new HttpProblem(401, detail, { headers: { 'WWW-Authenticate': 'Bearer' } });
export const forbidden = (detail = 'Your role may not call this route.') => new HttpProblem(403, detail);
export const notFound = (detail = 'No such resource.') => new HttpProblem(404, detail);
export const methodNotAllowed = (allow: string[]) =>
  new HttpProblem(405, `Allowed methods: ${allow.join(', ')}.`, { headers: { Allow: allow.join(', ') } });
export const conflict = (detail: string) => new HttpProblem(409, detail);
export const preconditionFailed = (detail = 'The record changed since you read it; read it again.') =>
  new HttpProblem(412, detail);
export const contentTooLarge = (limit: number) =>
  new HttpProblem(413, `The request body is larger than ${limit} bytes.`);
export const unsupportedMediaType = (accepted: string) =>
  new HttpProblem(415, `The request body must be ${accepted}.`);
export const serviceUnavailable = (detail: string, retryAfterSeconds: number) =>
  new HttpProblem(503, detail, { headers: { 'Retry-After': String(retryAfterSeconds) } });

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
