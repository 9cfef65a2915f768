import createClient, { type ClientOptions } from 'openapi-fetch';
import type { components, operations, paths } from './schema.d.ts';

/**
 * The UMKM Hub API's typed client: openapi-fetch over the types openapi-typescript generates from
 * docs/openapi.json. Paths, parameters (If-Match included), bodies and answers are checked by the
 * TypeScript compiler; at run time it is a thin wrapper around `fetch` (about 6 KB).
 */
export function createUmkmClient(
  baseUrl: string,
  options: Omit<ClientOptions, 'baseUrl'> & { token?: string | (() => string | undefined) } = {},
) {
  const { token, ...rest } = options;
  const client = createClient<paths>({ baseUrl, ...rest });
  if (token !== undefined)
    client.use({
      onRequest({ request }) {
        const value = typeof token === 'function' ? token() : token;
        if (value) request.headers.set('authorization', `Bearer ${value}`);
        return request;
      },
    });
  return client;
}

export type UmkmClient = ReturnType<typeof createUmkmClient>;
export type { components, operations, paths };
/** A schema of the document by name, e.g. `Schema<'Problem'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];
