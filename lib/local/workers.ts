import type { WorkerDef } from '../../functions/shared/worker.ts';
import { functionModuleUrl } from './bundles.ts';
import { asFunction } from './sdk-calls.ts';

/**
 * The local runtime hosts the worker rows' handlers as Lambda would: it loads the module a row names
 * (import after the environment the handler reads at load is set; from its `cdk.out` bundle with
 * `LOCAL_BUNDLES`, unless `source` asks for the TypeScript module), and runs every function the module
 * exports as that worker, so that the SDK calls it sends are attributed to the row (`sdk-calls.ts`) ...
 */
export async function loadWorker<M = { handler: (event: never) => Promise<unknown> }>(
  worker: WorkerDef,
  { source = false }: { source?: boolean } = {},
): Promise<M> {
  const url = source
    ? new URL(`../../functions/${worker.handler}`, import.meta.url).href
    : functionModuleUrl(worker.handler);
  const loaded = (await import(url)) as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(loaded).map(([name, value]) => [
      name,
      typeof value === 'function' && !/^class\b/.test(Function.prototype.toString.call(value))
        ? (...args: unknown[]) =>
            asFunction(worker.id, () => (value as (...a: unknown[]) => unknown)(...args))
        : value,
    ]),
  ) as M;
}

/**
 * ... and lets through only the records a row's event filter would (Lambda event filtering: an array
 * lists the values a field may take, literally or as `{ prefix }`; a nested object filters nested fields).
 * A pattern using anything else fails loudly rather than letting local and AWS differ.
 */
export function matchesFilter(pattern: Record<string, unknown>, record: unknown): boolean {
  return Object.entries(pattern).every(([field, expected]) => {
    const value = (record as Record<string, unknown> | undefined)?.[field];
    if (Array.isArray(expected)) return expected.some((option) => matchesValue(option, value));
    if (expected !== null && typeof expected === 'object')
      return matchesFilter(expected as Record<string, unknown>, value);
    throw new Error(`Unsupported filter on ${field}: ${JSON.stringify(expected)}`);
  });
}

function matchesValue(option: unknown, value: unknown): boolean {
  if (option === null || typeof option !== 'object') return option === value;
  const { prefix, ...rest } = option as { prefix?: unknown };
  if (typeof prefix !== 'string' || Object.keys(rest).length > 0)
    throw new Error(`Unsupported filter operator: ${JSON.stringify(option)}`);
  return typeof value === 'string' && value.startsWith(prefix);
}
