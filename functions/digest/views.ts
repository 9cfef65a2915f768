import type { RunRecord } from './model.ts';
import type { RunView } from './schemas.ts';

export const toRunView = (run: RunRecord): RunView => ({
  week: run.week,
  runId: run.runId,
  state: run.state,
  ...(run.reason ? { reason: run.reason } : {}),
  scheduledAt: run.scheduledAt,
  startedAt: run.startedAt,
  ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}),
  events: run.events,
  cancellations: run.cancellations,
  counters: {
    planned: run.planned,
    sent: run.sent,
    failed: run.failed,
    suppressed: run.suppressed,
    skipped: run.skipped,
  },
  progress: {
    shardsDone: run.shardsDone,
    shardCount: run.shardCount,
    batchesDone: run.batchesDone,
    batchesPlanned: run.batchesPlanned,
  },
});
