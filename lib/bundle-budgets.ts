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
  /**
   * Workers that write or read spreadsheets carry exceljs (its streaming XLSX writer and reader, with the
   * zip libraries under it): the export worker measured 1.34 MB and loaded in ~1 s (4–5 × the reference)
   * on 2026-12-01. No API function can carry that within 260 KB, so XLSX exports (and every export too
   * large for one answer) go through the export worker; it starts once per leg of a job that runs for
   * minutes, where a second of loading does not matter. The import planner reads uploaded XLSX files
   * with its own streaming reader (functions/imports/xlsx.ts: unzipper and saxes, exceljs's own zip and
   * XML libraries, without exceljs: about 0.7 MB less than with exceljs's reader, still over the async
   * budget through unzipper's dependencies); it wakes only for an upload. The XLSX template route carries no exceljs: its bytes
   * are generated at build time (`npm run import:template`).
   */
  spreadsheet: { bytes: 1_450_000, loadRatio: 6.0 },
} as const;

export type FunctionKind = keyof typeof BUNDLE_TARGETS;

const workerHandlers = new Set(workers.map((worker) => worker.handler));
/** Worker handlers whose bundles carry exceljs (budget `spreadsheet`). */
export const SPREADSHEET_HANDLERS = new Set(['businesses/export-worker.ts', 'imports/planner.ts']);

/**
 * A function's kind from the handler module its bundle was built from (`dir` is its asset directory, with
 * esbuild's metafile): `async` for the worker manifest's rows (`spreadsheet` for those carrying exceljs),
 * `api` for the rest (route functions and the
 * `$default` one). Read from the bundle, not the template: route functions sit in nested stacks and their
 * integrations in the parent, so no template shows both.
 */
export function bundleKind(dir: string): { entry: string; kind: FunctionKind } {
  const meta = JSON.parse(readFileSync(join(dir, 'index.meta.json'), 'utf8')) as {
    outputs: Record<string, { entryPoint?: string }>;
  };
  const [entryPoint] = Object.values(meta.outputs).flatMap((output) => output.entryPoint ?? []);
  const entry = (entryPoint ?? '').replace(/^.*?functions\//, '');
  if (!workerHandlers.has(entry)) return { entry, kind: 'api' };
  return { entry, kind: SPREADSHEET_HANDLERS.has(entry) ? 'spreadsheet' : 'async' };
}
