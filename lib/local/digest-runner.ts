import { triggerOf } from '../../functions/shared/worker.ts';
import { digestPlanner, digestSender } from '../../functions/workers.ts';
import { localDigestQueue } from './digest-queue.ts';
import { loadWorker } from './workers.ts';

/**
 * The digest's planner and sender, loaded from their worker rows and wired to an in-process queue with
 * the rows' batch sizes (for `npm run digest`, the integration tests and the bench). Import after the
 * environment the functions read is set.
 */
export async function localDigest(options: { journal?: string } = {}) {
  // From the TypeScript modules even with LOCAL_BUNDLES: the in-process queue replaces SQS in the module
  // below, which a bundle carries its own copy of.
  const planner = await loadWorker<typeof import('../../functions/digest/planner.ts')>(digestPlanner, {
    source: true,
  });
  const sender = await loadWorker<typeof import('../../functions/digest/sender.ts')>(digestSender, {
    source: true,
  });
  const { useQueueTransport } = await import('../../functions/digest/queue.ts');
  const { findRun } = await import('../../functions/digest/run-store.ts');
  const queue = localDigestQueue(
    { plan: (event) => planner.handler(event), send: sender.handler },
    {
      plan: triggerOf(digestPlanner, 'sqs').batchSize,
      send: triggerOf(digestSender, 'sqs').batchSize,
    },
    5,
    options,
  );
  useQueueTransport(queue.transport);
  return { startRun: planner.startRun, findRun, queue };
}
