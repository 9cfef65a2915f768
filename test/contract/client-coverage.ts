/*
 * Which operations of docs/openapi.json the e2e suite reached through the typed client
 * (clients/typescript): test/helpers/client.ts marks each request the client sends, test/e2e/contract.ts
 * tallies it with its operation, and the suite's teardown (test/e2e/setup.ts) fails the run when an
 * operation was never called through the client, once every e2e file has run.
 */

/** The requests the typed client sent, shared by the e2e setup file and the tests' client helper. */
const SENT = Symbol.for('umkm-hub.e2e.client-requests');
export const clientRequests = (): WeakSet<Request> =>
  ((globalThis as { [SENT]?: WeakSet<Request> })[SENT] ??= new WeakSet<Request>());

/**
 * Routes other work is adding right now, whose e2e tests come with them: listed here, by path prefix,
 * until they call them through the client. Remove an entry as soon as its route is covered.
 */
export const PENDING_PREFIXES: readonly string[] = [];

interface Document {
  paths: Record<string, object>;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

/** Every operation of the document: operationId → `METHOD /path`. */
export function documentOperations(document: Document): Map<string, string> {
  const operations = new Map<string, string>();
  for (const [path, item] of Object.entries(document.paths))
    for (const [method, operation] of Object.entries(item))
      if (METHODS.has(method)) {
        const id = (operation as { operationId?: string }).operationId;
        if (id) operations.set(id, `${method.toUpperCase()} ${path}`);
      }
  return operations;
}

/** The operations (as `operationId (METHOD /path)`) never called through the client, pending ones aside. */
export function uncoveredOperations(
  document: Document,
  calledThroughClient: ReadonlySet<string>,
  pending: readonly string[] = PENDING_PREFIXES,
): string[] {
  return [...documentOperations(document)]
    .filter(([id, route]) => {
      const path = route.split(' ')[1] ?? '';
      return !calledThroughClient.has(id) && !pending.some((prefix) => path.startsWith(prefix));
    })
    .map(([id, route]) => `${id} (${route})`);
}
