import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { AnyRoute } from '../../functions/shared/route.ts';
import { httpApiEvent, lambdaContext } from '../../lib/local/lambda-event.ts';
import { asFunction, isRecording } from '../../lib/local/sdk-calls.ts';

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

const routeIds = new Map<Handler, string>();
const exportsHandler = async (route: AnyRoute, handler: Handler) =>
  ((await import(new URL(`../../functions/${route.handler}`, import.meta.url).href)) as { handler: unknown })
    .handler === handler;

/**
 * The route whose function `handler` is (for the record of SDK calls, `test/iam/`): the route the request
 * is for, confirmed by the handler being its module's export, else the route whose module exports it.
 */
async function routeIdOf(handler: Handler, method: string, routeKey: string): Promise<string> {
  const known = routeIds.get(handler);
  if (known) return known;
  // Loaded here, not at the top: the unit suites, which record nothing, need not load every row.
  const { routes } = await import('../../functions/routes.ts');
  const { routeMatcher } = await import('../../functions/shared/route-match.ts');
  const found = routeMatcher(routes)(method, (routeKey.split(' ')[1] ?? '').split('?')[0] ?? '');
  let id: string | undefined;
  if (found.kind === 'found' && (await exportsHandler(found.route, handler))) id = found.route.id;
  for (const route of id ? [] : routes) {
    if (await exportsHandler(route, handler)) {
      id = route.id;
      break;
    }
  }
  if (
    !id &&
    handler === ((await import('../../functions/fallback/not-found.ts')) as { handler: unknown }).handler
  )
    id = 'fallback';
  if (!id) throw new Error(`invoke: the handler for ${routeKey} is no manifest route's`);
  routeIds.set(handler, id);
  return id;
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
  const result = isRecording()
    ? await asFunction(await routeIdOf(handler, method, event.routeKey), () =>
        handler(event, lambdaContext('test', 10_000)),
      )
    : await handler(event, lambdaContext('test', 10_000));
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
