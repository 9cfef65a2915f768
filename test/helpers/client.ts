import { inject } from 'vitest';
import { createUmkmClient, type operations } from '../../clients/typescript/index.ts';
import { clientRequests } from '../contract/client-coverage.ts';

/**
 * The typed client (clients/typescript) against the local server the e2e suite started: the e2e tests
 * drive every well-formed API request through it, so it is proven on every route (the suite's teardown
 * fails on an operation no test called through it). Requests it cannot send stay hand-written `fetch`,
 * each with a comment why: malformed on purpose (wrong media type, oversized or invalid bodies), the
 * authorisation matrix's manifest-driven calls, HTML forms and pages a browser drives, presigned S3 URLs.
 */
export const apiClient = (token?: string) => {
  const client = createUmkmClient(inject('apiUrl'), token === undefined ? {} : { token });
  // Registered last, so it sees the request as sent; test/e2e/contract.ts tallies it as the client's.
  client.use({
    onRequest({ request }) {
      clientRequests().add(request);
      return request;
    },
  });
  return client;
};

/** An operation's JSON request body as the client's types know it, e.g. `RequestBody<'registerBusiness'>`. */
export type RequestBody<Operation extends keyof operations> = operations[Operation] extends {
  requestBody?: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;
