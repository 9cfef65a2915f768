import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Setup file for every suite: a copy of everything this test worker writes to stdout and stderr (the
 * functions' structured logs among it) goes to `.test-logs/`, where `test/logs/scan.ts` looks for
 * personal data once all suites have run.
 */
export const LOG_DIR = join(process.cwd(), '.test-logs');
mkdirSync(LOG_DIR, { recursive: true });
const file = join(LOG_DIR, `worker-${process.pid}-${Math.random().toString(36).slice(2, 8)}.log`);

/**
 * The functions' structured log lines go to the file only, so that `npm test` prints test results, not
 * thousands of JSON lines; `TEST_LOGS=show npm test` prints them as well. Anything else a test writes
 * still reaches the terminal.
 */
const showLogs = process.env.TEST_LOGS === 'show';
const isLogLine = (text: string) => /^\{"level":"[A-Z]+"/.test(text);

for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = (chunk: unknown, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    appendFileSync(file, text);
    if (!showLogs && isLogLine(text)) {
      const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }
    return write(chunk, ...rest);
  };
}
