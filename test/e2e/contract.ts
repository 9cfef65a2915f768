import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, inject } from 'vitest';
import { clientRequests } from '../contract/client-coverage.ts';
import { checkResponse } from '../contract/response-validator.ts';

/*
 * Setup file of the e2e suite: every answer the local API gives to any test's fetch (the typed client's
 * included) is checked against docs/openapi.json before the test sees it. A violation fails the call, and
 * so the test; each checked answer is tallied in .test-logs/contract-*.jsonl with whether the typed client
 * sent it, and each test file that ran to its end too: the suite's teardown (test/e2e/setup.ts) sums them
 * up and, after a run of every e2e file, fails on an operation never called through the client.
 */
export const CONTRACT_DIR = join(process.cwd(), '.test-logs');
mkdirSync(CONTRACT_DIR, { recursive: true });
const tally = join(CONTRACT_DIR, `contract-${process.pid}-${Math.random().toString(36).slice(2, 8)}.jsonl`);

const api = inject('apiUrl');
const original = globalThis.fetch;

globalThis.fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
  const client = input instanceof Request && clientRequests().has(input);
  const request = new Request(input, init);
  const response = await original(request.clone());
  const url = new URL(request.url);
  // The local server's own conveniences (the document itself and its viewer) are not API operations.
  if (
    url.origin !== new URL(api).origin ||
    url.pathname === '/openapi.json' ||
    url.pathname.startsWith('/docs')
  )
    return response;
  const body = Buffer.from(await response.clone().arrayBuffer());
  const type = response.headers.get('content-type') ?? '';
  const text = type.startsWith('image/') ? '<binary>' : body.toString('utf8');
  const { operationId, status, violations } = checkResponse(
    { method: request.method, path: decodeURIComponent(url.pathname) },
    { status: response.status, headers: response.headers, body: response.status === 304 ? '' : text },
  );
  appendFileSync(
    tally,
    `${JSON.stringify({ operationId, status, client, violations: violations.length })}\n`,
  );
  if (violations.length > 0)
    throw new Error(`The answer breaks docs/openapi.json:\n${violations.join('\n')}\n${text.slice(0, 500)}`);
  return response;
};

// Vitest hands hooks their context first, and wants it destructured; the file is the second argument.
// eslint-disable-next-line no-empty-pattern
afterAll(({}, suite) => {
  appendFileSync(tally, `${JSON.stringify({ finished: 'filepath' in suite ? suite.filepath : '' })}\n`);
});
