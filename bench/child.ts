import { fork } from 'node:child_process';

/**
 * Runs a bench TypeScript module in a child process (through tsx) with its stdout discarded, and resolves
 * with the one message it sends over IPC; rejects with its stderr when it fails.
 */
export function runChild<T>(
  module: URL,
  options: { args?: string[]; env?: Record<string, string>; execArgv?: string[] } = {},
): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(module, options.args ?? [], {
      ...(options.env ? { env: options.env } : {}),
      execArgv: ['--import', 'tsx', ...(options.execArgv ?? [])],
      stdio: ['ignore', process.env.BENCH_CHILD_OUTPUT ? 'inherit' : 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    let result: { value: T } | undefined;
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('message', (message) => (result = { value: message as T }));
    child.on('error', reject);
    child.on('exit', (code) =>
      result && code === 0
        ? resolve(result.value)
        : reject(new Error(`${module.pathname} failed (${code}): ${stderr}`)),
    );
  });
}
