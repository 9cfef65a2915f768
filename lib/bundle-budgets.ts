import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workers } from '../functions/workers.ts';

/**
 * Bundle targets (issue 7). API functions wake for a citizen's request; asynchronous ones (mailer, digest
 * planner and sender, SES feedback) do not. `bytes` is the minified bundle; `loadRatio` is the cold
 * load time relative to the bare DynamoDB DocumentClient reference bundle measured by `npm run bench`.
 * `test/infra/stack.test.ts` enforces the sizes; the bench measures both.
 */
export const BUNDLE_TARGETS = {
  api: { bytes: 250_000, loadRatio: 0.7 },
  async: { bytes: 400_000, loadRatio: 1.0 },
} as const;

export type FunctionKind = keyof typeof BUNDLE_TARGETS;

const workerHandlers = new Set(workers.map((worker) => worker.handler));

/**
 * A function's kind from the handler module its bundle was built from (`dir` is its asset directory, with
 * esbuild's metafile): `async` for the worker manifest's rows, `api` for the rest (route functions and the
 * `$default` one). Read from the bundle, not the template: route functions sit in nested stacks and their
 * integrations in the parent, so no template shows both.
 */
export function bundleKind(dir: string): { entry: string; kind: FunctionKind } {
  const meta = JSON.parse(readFileSync(join(dir, 'index.meta.json'), 'utf8')) as {
    outputs: Record<string, { entryPoint?: string }>;
  };
  const [entryPoint] = Object.values(meta.outputs).flatMap((output) => output.entryPoint ?? []);
  const entry = (entryPoint ?? '').replace(/^.*?functions\//, '');
  return { entry, kind: workerHandlers.has(entry) ? 'async' : 'api' };
}
