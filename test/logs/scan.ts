import { readdirSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Global setup of the whole test run: clears `.test-logs/` before the suites run and, after them, fails
 * the run if any line they logged holds what looks like a NIK, an email address or a mobile number.
 */
const LOG_DIR = join(process.cwd(), '.test-logs');

export const PERSONAL_DATA: Record<string, RegExp> = {
  NIK: /(?<![\w-])\d{16}(?![\w-])/,
  email: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/,
  'mobile number': /\+62[\s-]?8\d{7,11}|(?<![\w.-])08\d{8,11}(?![\w-])/,
};

export function findPersonalData(text: string): string[] {
  const findings: string[] = [];
  for (const line of text.split('\n')) {
    for (const [kind, pattern] of Object.entries(PERSONAL_DATA)) {
      if (pattern.test(line)) findings.push(`${kind}: ${line.slice(0, 300)}`);
    }
  }
  return findings;
}

export function setup(): void {
  rmSync(LOG_DIR, { recursive: true, force: true });
  mkdirSync(LOG_DIR, { recursive: true });
}

export function teardown(): void {
  const files = readdirSync(LOG_DIR).filter((name) => name.endsWith('.log'));
  const findings = files.flatMap((name) => findPersonalData(readFileSync(join(LOG_DIR, name), 'utf8')));
  const lines = files.reduce(
    (sum, name) => sum + readFileSync(join(LOG_DIR, name), 'utf8').split('\n').length,
    0,
  );
  if (findings.length > 0) {
    throw new Error(
      `Personal data in test logs (${findings.length} lines):\n${findings.slice(0, 20).join('\n')}`,
    );
  }
  process.stdout.write(`log scan: ${lines} log lines from ${files.length} workers, no personal data\n`);
}
