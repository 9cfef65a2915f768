import { inject } from 'vitest';
import { createUmkmClient } from '../../clients/typescript/index.ts';

/**
 * The typed client (clients/typescript) against the local server the e2e suite started: the e2e tests
 * drive every well-formed request through it, so it is proven on every route they reach. Requests that
 * are malformed on purpose (wrong media type, oversized or invalid bodies) stay hand-written `fetch`,
 * since the client's types refuse them.
 */
export const apiClient = (token?: string) =>
  createUmkmClient(inject('apiUrl'), token === undefined ? {} : { token });
