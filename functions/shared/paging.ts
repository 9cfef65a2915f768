import * as z from 'zod/mini';

/*
 * One shape for every list: `{ items, cursor }`, asked for with the same `limit` and `cursor` query
 * parameters. A list that has more answers `cursor`; passing it back gives the next page.
 */

export const PAGE_LIMIT = { minimum: 1, maximum: 100, default: 20 } as const;

const limitDigits = z.pipe(
  z.string().check(
    z.regex(/^\d{1,3}$/, {
      error: `Must be a whole number from ${PAGE_LIMIT.minimum} to ${PAGE_LIMIT.maximum}.`,
    }),
  ),
  z.pipe(z.transform(Number), z.int().check(z.minimum(PAGE_LIMIT.minimum), z.maximum(PAGE_LIMIT.maximum))),
);

/**
 * How the OpenAPI document shows a schema whose query-string form differs from what it means: `limit`
 * arrives as digits and is an integer to a client.
 */
export const documentedAs = new WeakMap<z.ZodMiniType, Record<string, unknown>>();

/** `limit`: the page size, an integer from 1 to 100 (20 when absent). */
export const limit = z._default(limitDigits, PAGE_LIMIT.default);
documentedAs.set(limit, {
  type: 'integer',
  ...PAGE_LIMIT,
  description: `Items per page, ${PAGE_LIMIT.minimum}–${PAGE_LIMIT.maximum}.`,
});

/** `cursor`: the opaque position a previous page answered. */
export const cursor = z.optional(z.string().check(z.minLength(1), z.maxLength(1000)));

/** The query fields every paged list takes. */
export const pageQuery = { limit, cursor };

/** The answer of every paged list. */
export const Page = <T extends z.ZodMiniType>(item: T) =>
  z.object({ items: z.array(item), cursor: z.optional(z.string()) });

/** A list's answer from a store's page: `cursor` only when there is more. */
export const pageBody = <T>(items: T[], next: string | undefined) => ({
  items,
  ...(next ? { cursor: next } : {}),
});
