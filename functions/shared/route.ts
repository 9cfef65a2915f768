import type * as z from 'zod/mini';
import type { StorageGrant } from './storage-keys.ts';
import type { IndexName } from './table.ts';

/** Who may call a route: anyone, any signed-in account (UMKM owners), or Dinas operators only. */
export type Access = 'public' | 'owner' | 'operator';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** DynamoDB actions a route's function is granted on the table, and nothing more. */
export type TableAction =
  | 'GetItem'
  | 'Query'
  | 'PutItem'
  | 'UpdateItem'
  | 'DeleteItem'
  | 'BatchGetItem'
  | 'BatchWriteItem'
  | 'ConditionCheckItem';

type Schema = z.ZodMiniType;

/** Response headers a route's success answer may carry; `lib/openapi.ts` says what each means. */
export type ResponseHeader = 'ETag' | 'Location' | 'X-Next-Cursor' | 'Content-Disposition' | 'Cache-Control';

/**
 * One row of the route manifest. Each feature declares its rows next to its handlers (so a handler's
 * bundle carries its own schemas only); `functions/routes.ts` gathers them into the one list that the CDK
 * stack, the local server and the OpenAPI document read.
 */
export interface RouteDef<
  P extends Schema | undefined = Schema | undefined,
  Q extends Schema | undefined = Schema | undefined,
  B extends Schema | undefined = Schema | undefined,
  A extends Access = Access,
> {
  /** Stable operation id: names the Lambda function, the CDK construct and the OpenAPI operation. */
  id: string;
  method: HttpMethod;
  /** API Gateway path template, e.g. `/regions/{code}`. */
  path: string;
  /** Handler module, relative to `functions/`; it exports `handler`. */
  handler: string;
  access: A;
  summary: string;
  tag: string;
  request: { path?: P; query?: Q; body?: B };
  /**
   * Body media types the route takes: JSON only (the default), JSON and HTML-form encoding
   * (`application/x-www-form-urlencoded`, e.g. RFC 8058 one-click unsubscribe POSTs), or form encoding only
   * (the forms of server-rendered pages). In `json-or-form` a form body reaches the schema as an object of
   * string fields; in `form` a field sent more than once (checkboxes) arrives as an array of its values.
   */
  bodyFormat?: 'json' | 'json-or-form' | 'form';
  /**
   * The success answer. Its schema documents the route in OpenAPI; features with large response shapes
   * attach them in the manifest with `documented` instead, so that handler bundles do not carry them.
   */
  response: {
    status: number;
    description: string;
    schema?: Schema;
    /**
     * The success answer's media type when it is not JSON (`text/html` for pages, `text/calendar`). A
     * `text/html` route answers errors as HTML pages too.
     */
    mediaType?: string;
    /** Further media types the route answers when asked for them (`text/csv` for `format=csv`). */
    alternatives?: string[];
    /** The route renders its errors as HTML pages (the server-rendered pages), not problem+json. */
    errorPages?: boolean;
    /** Headers the success answer carries (every answer also carries `X-Correlation-Id`). */
    headers?: ResponseHeader[];
    /** Further success answers the route may give instead (a large export: 202 with the job it started). */
    others?: { status: number; description: string; schema?: Schema; headers?: ResponseHeader[] }[];
  };
  /**
   * The route checks the version the caller read, named by `If-Match` (an `ETag` it was given):
   * `required` answers 428 without the header, and either answers 412 when it is stale.
   */
  ifMatch?: 'required' | 'optional';
  /**
   * Answers the route gives beyond those derived from the row: 400 (input), 401/403 (access),
   * 413/415 (body), 412/428 (`ifMatch`), 429 (throttling), 503 (the table), 500 (always possible).
   */
  errors?: number[];
  /**
   * A tighter API Gateway throttle for this route than the stage default (requests per second, burst):
   * public write routes that bots would flood.
   */
  throttle?: { rateLimit: number; burstLimit: number };
  /** The function signs or verifies subscription links (it is given the subscription secret). */
  subscriptionSecret?: boolean;
  /**
   * The function finds NIK guards: it may read the identity secret that keys them (never rotated), at run
   * time through the secrets extension (`businesses/identity.ts`), never from its configuration.
   */
  identitySecret?: boolean;
  /** The function renders mail for review (it is given the website URL and the programme's address). */
  mailSettings?: boolean;
  /** The function writes absolute links to the public pages (it is given their base URL, `WEB_URL`). */
  siteUrl?: boolean;
  /** What the function may do on the table (least privilege). Omit when it does not touch the table. */
  table?: { actions: TableAction[]; indexes?: IndexName[] };
  /**
   * What the function may do in the files bucket, by prefix (it is given `BUCKET_NAME`). A route that
   * hands out presigned URLs needs the operation the URL allows: the URL is signed with the function's role.
   */
  storage?: StorageGrant[];
}

/** Keeps the literal types of a row so that handlers get typed inputs. */
export function defineRoute<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  A extends Access = Access,
>(route: RouteDef<P, Q, B, A>): RouteDef<P, Q, B, A> {
  return route;
}

export type AnyRoute = RouteDef<Schema | undefined, Schema | undefined, Schema | undefined, Access>;

/** Attaches response schemas (by route id) to a feature's rows, for the OpenAPI document. */
export function documented(rows: readonly AnyRoute[], schemas: Record<string, Schema>): AnyRoute[] {
  return rows.map((row) => {
    const schema = schemas[row.id];
    return schema ? { ...row, response: { ...row.response, schema } } : row;
  });
}
