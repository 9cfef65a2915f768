import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { routes } from '../../functions/routes.ts';
import {
  CORS_ALLOW_HEADERS,
  CORS_ALLOW_METHODS,
  CORS_EXPOSE_HEADERS,
  CORS_MAX_AGE_SECONDS,
} from '../../functions/shared/cors.ts';
import { routeMatcher } from '../../functions/shared/route-match.ts';
import type { AnyRoute } from '../../functions/shared/route.ts';
import { openApiDocument } from '../openapi.ts';
import { packageVersion } from '../package-info.ts';
import { functionModuleUrl } from './bundles.ts';
import type { DevIssuer } from './issuer.ts';
import { claimsAsGatewayPassesThem, httpApiEvent, lambdaContext } from './lambda-event.ts';
import { asFunction } from './sdk-calls.ts';

type LambdaHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

/** API Gateway's own payload limit; the functions enforce the API's 64 KiB themselves. */
const GATEWAY_BODY_LIMIT = 10 * 1024 * 1024;
const FUNCTION_TIMEOUT_MS = 10_000;

const handlers = new Map<string, Promise<LambdaHandler>>();
const loadHandler = (module: string): Promise<LambdaHandler> => {
  let handler = handlers.get(module);
  if (!handler) {
    handler = import(functionModuleUrl(module)).then((loaded: { handler: LambdaHandler }) => loaded.handler);
    handlers.set(module, handler);
  }
  return handler;
};

const swaggerUi = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const DOCS_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>UMKM Hub API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="docs"></div><script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script></body></html>`;
const DOCS_INIT = `SwaggerUIBundle({ url: '/openapi.json', dom_id: '#docs' });`;

function readBody(request: IncomingMessage): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= GATEWAY_BODY_LIMIT) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > GATEWAY_BODY_LIMIT ? 'too-large' : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function sendProblem(response: ServerResponse, status: number, title: string, detail: string): void {
  response.writeHead(status, { 'content-type': 'application/problem+json' });
  response.end(
    JSON.stringify({ type: `/problems/${title.toLowerCase().replaceAll(' ', '-')}`, title, status, detail }),
  );
}

function sendResult(response: ServerResponse, result: APIGatewayProxyStructuredResultV2): void {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {}))
    headers[name.toLowerCase()] = String(value);
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  const body =
    result.body === undefined
      ? undefined
      : Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8');
  response.writeHead(result.statusCode ?? 200, headers);
  response.end(body);
}

export interface LocalServerOptions {
  issuer: DevIssuer;
  corsAllowOrigins: string[];
}

/**
 * Serves every manifest route by invoking its handler module with the payload-format-2.0 event API
 * Gateway would send, after checking bearer tokens as the JWT authorizer does. What matches no route goes
 * to the same `$default` function the stack deploys (404 or 405 problems).
 */
export function createLocalServer(options: LocalServerOptions): Server {
  const match = routeMatcher(routes);

  /** What API Gateway's CORS configuration answers to a preflight request. */
  function preflight(request: IncomingMessage, response: ServerResponse): void {
    const origin = request.headers.origin;
    const headers: Record<string, string> = {};
    if (origin && options.corsAllowOrigins.includes(origin)) {
      headers['access-control-allow-origin'] = origin;
      headers['access-control-allow-methods'] = CORS_ALLOW_METHODS.join(',');
      headers['access-control-allow-headers'] = CORS_ALLOW_HEADERS.join(',');
      headers['access-control-expose-headers'] = CORS_EXPOSE_HEADERS.join(',');
      headers['access-control-max-age'] = String(CORS_MAX_AGE_SECONDS);
    }
    response.writeHead(204, headers);
    response.end();
  }

  async function serveLocalPage(path: string, response: ServerResponse): Promise<boolean> {
    if (path === '/openapi.json') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(openApiDocument(packageVersion)));
    } else if (path === '/docs' || path === '/docs/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(DOCS_PAGE);
    } else if (path === '/docs/init.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' });
      response.end(DOCS_INIT);
    } else if (path === '/docs/assets/swagger-ui.css' || path === '/docs/assets/swagger-ui-bundle.js') {
      const file = path.slice('/docs/assets/'.length);
      response.writeHead(200, { 'content-type': file.endsWith('.css') ? 'text/css' : 'text/javascript' });
      response.end(await readFile(join(swaggerUi, file)));
    } else if (path === '/.well-known/jwks.json') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: [options.issuer.publicJwk] }));
    } else {
      return false;
    }
    return true;
  }

  /** The JWT authorizer: claims for a valid token, undefined (→ 401) otherwise. */
  async function authorizerClaims(request: IncomingMessage): Promise<Record<string, string> | undefined> {
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const payload = token ? await options.issuer.verify(token) : undefined;
    return payload ? claimsAsGatewayPassesThem(payload) : undefined;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', `http://${request.headers.host ?? 'localhost'}`);
    const method = (request.method ?? 'GET').toUpperCase();
    if (method === 'OPTIONS' && request.headers['access-control-request-method'])
      return preflight(request, response);
    if (method === 'GET' && (await serveLocalPage(url.pathname, response))) return;

    const body = await readBody(request);
    if (body === 'too-large')
      return sendProblem(response, 413, 'Content Too Large', 'The body exceeds 10 MB.');

    const found = match(method, url.pathname);
    const route: AnyRoute | undefined = found.kind === 'found' ? found.route : undefined;
    let claims: Record<string, string> | undefined;
    if (route && route.access !== 'public') {
      claims = await authorizerClaims(request);
      if (!claims) {
        response.setHeader('www-authenticate', 'Bearer');
        return sendProblem(response, 401, 'Unauthorized', 'A valid bearer token is required.');
      }
    }
    const event = httpApiEvent({
      method,
      url,
      headers: request.headers,
      body,
      routeKey: route ? `${route.method} ${route.path}` : '$default',
      ...(found.kind === 'found' ? { pathParameters: found.params } : {}),
      ...(claims ? { claims } : {}),
      sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
    });
    const handler = await loadHandler(route ? route.handler : 'fallback/not-found.ts');
    const functionId = route?.id ?? 'fallback';
    // As that function: the SDK calls it sends are recorded against its grant (sdk-calls.ts).
    const result = await asFunction(functionId, () =>
      handler(event, lambdaContext(functionId, FUNCTION_TIMEOUT_MS)),
    );
    sendResult(response, result);
  }

  return createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      // What API Gateway answers when the function itself fails.
      process.stderr.write(`local server: invocation failed: ${(error as Error).name}\n`);
      if (!response.headersSent) sendProblem(response, 500, 'Internal Server Error', 'The function failed.');
      else response.end();
    });
  });
}
