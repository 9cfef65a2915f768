import { setTimeout as sleep } from 'node:timers/promises';

/** Retries `probe` until it resolves or `timeoutMs` passes; the last error explains a time-out. */
export async function waitFor<T>(probe: () => Promise<T>, timeoutMs: number, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms`, { cause: error });
      await sleep(intervalMs);
    }
  }
}
