import * as z from 'zod/mini';

/** The digest routes' response shapes (no table client here: the manifest imports this). */

export const RUN_STATES = ['planning', 'sending', 'done', 'skipped'] as const;
export type RunState = (typeof RUN_STATES)[number];

export const RunView = z.object({
  week: z.string(),
  runId: z.string(),
  state: z.enum(RUN_STATES),
  reason: z.optional(z.string()),
  scheduledAt: z.string(),
  startedAt: z.string(),
  finishedAt: z.optional(z.string()),
  events: z.int(),
  cancellations: z.int(),
  counters: z.object({
    planned: z.int(),
    sent: z.int(),
    failed: z.int(),
    suppressed: z.int(),
    skipped: z.int(),
  }),
  progress: z.object({
    shardsDone: z.int(),
    shardCount: z.int(),
    batchesDone: z.int(),
    batchesPlanned: z.int(),
  }),
});
export type RunView = z.output<typeof RunView>;
