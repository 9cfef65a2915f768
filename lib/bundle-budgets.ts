import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { workers } from '../functions/workers.ts';

/**
 * Bundle targets (issue 7). API functions wake for a citizen's request; asynchronous ones (mailer, digest
 * planner and sender, SES feedback) do not. `bytes` is the minified bundle; `loadRatio` is the cold
 * load time relative to the bare DynamoDB DocumentClient reference bundle measured by `npm run bench`.
 * `test/infra/stack.test.ts` enforces the sizes; the bench measures both.
 *
 * The API budget was 250 KB until 2026-12-01: checking every free-text field (`shared/text.ts`), multipart
 * form bodies (`shared/multipart.ts`, in every API bundle through the HTTP stack), the NIK guard's HMAC and
 * the claims' personal-data registration put eight functions 0.1–6.5 KB over it. It is 260 KB until the
 * form parser is carried only by the form routes' bundles (the known next cut, about 1.8 KB each).
 */
export const BUNDLE_TARGETS = {
  api: { bytes: 260_000, loadRatio: 0.7 },
  async: { bytes: 400_000, loadRatio: 1.0 },
} as const;

export type FunctionKind = keyof typeof BUNDLE_TARGETS;

/**
 * Functions with a budget of their own, each with its reason. The import planner reads XLSX files with
 * exceljs's streaming reader, which brings ~1 MB (its zip and XML parsers) that no smaller library
 * replaces without the known vulnerabilities of `xlsx` from npm; it wakes only for an upload (a few a
 * week), never for a citizen's request, so its cold load costs no one a wait. The XLSX template route does
 * not carry exceljs: its bytes are generated at build time (`npm run import:template`).
 */
export const BUNDLE_EXCEPTIONS: Record<string, { bytes: number; reason: string }> = {
  'imports/planner.ts': {
    bytes: 1_400_000,
    reason: 'exceljs streaming XLSX reader (~1 MB); woken only by uploads',
  },
};

/** The byte budget of a function's bundle: its own exception, or its kind's. */
export const bundleBudget = (entry: string, kind: FunctionKind): number =>
  BUNDLE_EXCEPTIONS[entry]?.bytes ?? BUNDLE_TARGETS[kind].bytes;

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
