import type { RunState } from '../../functions/digest/schemas.ts';
import type { localDigest } from '../local/digest-runner.ts';

type LocalDigest = Awaited<ReturnType<typeof localDigest>>;

export type ResumeOutcome =
  /** No such run (or no run at all when none was named). */
  | { status: 'missing'; runId?: string }
  /** The run is over (`done`, or `skipped` as late): there is nothing to send. */
  | { status: 'finished'; runId: string; state: RunState }
  /** The run's unsent batches are not in the local queue's journal (it was deleted): nothing to resume from. */
  | { status: 'lost'; runId: string }
  /** Queued again: the run's unfinished messages, and a walk of every shard when planning had not ended. */
  | { status: 'resumed'; runId: string; batches: number; shards: number };

/**
 * `npm run digest -- --resume [RUN_ID]`: takes a run that stopped part-way (SES refusing, the process
 * killed) up again, locally, as a redrive of the dead-letter queues does in AWS (`npm run dlq:replay`):
 * the batches the run queued and never finished come back from the local queue's journal, and while the
 * run is still planning each shard is walked on from its checkpoint. Nobody is mailed twice: each batch's
 * marker names the recipients done with, and a batch already sent is skipped; a run that is over (`done`)
 * is never sent again. With no run id, the newest run. Call `digest.queue.drain()` afterwards.
 */
export async function resumeDigest(digest: LocalDigest, runId?: string): Promise<ResumeOutcome> {
  const { listRuns } = await import('../../functions/digest/run-store.ts');
  const id = runId ?? (await listRuns({ limit: 1 })).runs[0]?.runId;
  if (id === undefined) return { status: 'missing' };
  const run = await digest.findRun(id, true);
  if (!run) return { status: 'missing', runId: id };
  if (run.state === 'done' || run.state === 'skipped')
    return { status: 'finished', runId: id, state: run.state };

  const restored = digest.queue.restore((queue, body) => {
    try {
      return (JSON.parse(body) as { runId?: unknown }).runId === id && queue === 'send';
    } catch {
      return false;
    }
  });
  let shards = 0;
  if (run.state === 'planning') {
    if (!run.shardsQueued) {
      // Stopped between opening the run and queueing its shards: the week's trigger takes it from there.
      const started = await digest.startRun({ kind: 'start', scheduledTime: run.scheduledAt });
      if (started.runId !== id) return { status: 'lost', runId: id };
      shards = run.shardCount;
    } else {
      // Shards walked to the end do nothing but check whether planning is over; the others go on from
      // their checkpoint (pages already committed are not planned again).
      await digest.queue.transport.send(
        'plan',
        Array.from({ length: run.shardCount }, (_, shard) =>
          JSON.stringify({ kind: 'shard', runId: id, shard }),
        ),
      );
      shards = run.shardCount;
    }
  } else if (restored.send === 0 && run.batchesDone < run.batchesPlanned) {
    return { status: 'lost', runId: id };
  }
  return { status: 'resumed', runId: id, batches: restored.send, shards };
}
