import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { httpApiEvent, lambdaContext } from '../../lib/local/lambda-event.ts';

type Handler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export interface InvokeOptions {
  method?: string;
  path: string;
  routeKey?: string;
  pathParameters?: Record<string, string>;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Claims as the JWT authorizer passes them (strings). */
  claims?: Record<string, string>;
}

export const ownerClaims = (sub = 'owner-1') => ({ sub, 'cognito:groups': '[]' });
export const operatorClaims = (sub = 'operator-1') => ({ sub, 'cognito:groups': '[operators]' });

export interface Invoked {
  status: number;
  headers: Record<string, string>;
  body: string | undefined;
  json: () => any;
}

/** Invokes a handler with the payload-format-2.0 event API Gateway would send. */
export async function invoke(handler: Handler, options: InvokeOptions): Promise<Invoked> {
  const method = options.method ?? 'GET';
  const body = options.body === undefined ? Buffer.alloc(0) : Buffer.from(options.body);
  const event = httpApiEvent({
    method,
    url: new URL(`http://localhost${options.path}`),
    headers: Object.fromEntries(Object.entries(options.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v])),
    body,
    routeKey: options.routeKey ?? `${method} ${options.path}`,
    ...(options.pathParameters ? { pathParameters: options.pathParameters } : {}),
    ...(options.claims ? { claims: options.claims } : {}),
    sourceIp: '127.0.0.1',
  });
  const result = await handler(event, lambdaContext('test', 10_000));
  const headers = Object.fromEntries(
    Object.entries(result.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]),
  );
  return {
    status: result.statusCode ?? 200,
    headers,
    body: result.body,
    json: () => JSON.parse(result.body ?? 'null'),
  };
}
