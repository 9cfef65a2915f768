import { localDigestQueue } from './digest-queue.ts';

/**
 * The digest's planner and sender wired to an in-process queue (for `npm run digest`, the integration
 * tests and the bench). Import after the environment the functions read is set.
 */
export async function localDigest() {
  const planner = await import('../../functions/digest/planner.ts');
  const sender = await import('../../functions/digest/sender.ts');
  const { useQueueTransport } = await import('../../functions/digest/queue.ts');
  const { findRun } = await import('../../functions/digest/run-store.ts');
  const queue = localDigestQueue({ plan: (event) => planner.handler(event), send: sender.handler });
  useQueueTransport(queue.transport);
  return { startRun: planner.startRun, findRun, queue };
}
