import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SdkCall } from '../../lib/local/sdk-calls.ts';
import { violations } from './grants.ts';
import { SDK_CALLS_DIR } from './record.ts';

/**
 * Global setup of the whole test run: clears the record of SDK calls before the suites run and, after
 * them, fails the run when a function sent a command outside its grant (in AWS: AccessDenied, a 500).
 * The integration suite (`test/integration/env.ts`) and the local server the end-to-end suite starts
 * (`SDK_CALLS_DIR`) write the record, one file per process.
 */
export function readCalls(directory = SDK_CALLS_DIR): SdkCall[] {
  if (!existsSync(directory)) return [];
  const lines = readdirSync(directory)
    .filter((name) => name.endsWith('.jsonl'))
    .flatMap((name) => readFileSync(join(directory, name), 'utf8').split('\n'));
  return [...new Set(lines)].filter(Boolean).map((line) => JSON.parse(line) as SdkCall);
}

export function setup(): void {
  rmSync(SDK_CALLS_DIR, { recursive: true, force: true });
}

export function teardown(): void {
  const calls = readCalls();
  if (calls.length === 0) return;
  const found = violations(calls);
  if (found.length > 0)
    throw new Error(`SDK calls outside the functions' grants (${found.length}):\n${found.join('\n')}`);
  const functions = new Set(calls.map((call) => call.fn)).size;
  process.stdout.write(
    `IAM check: ${calls.length} distinct calls from ${functions} functions, all within their grants\n`,
  );
}
