import type { Language } from '../subscriptions/schemas.ts';
import type { RunState } from './schemas.ts';

/*
 * The digest's records: a run per week (state and counters), the plan of each shard (checkpoints), and
 * each batch's marker. Everything under a run but the run itself expires after RUN_ITEMS_TTL_SECONDS,
 * longer than the send queue keeps a message (14 days), so a redelivered batch always finds its marker.
 */
export const RUN_ITEMS_TTL_SECONDS = 30 * 86_400;

/** A digest run as operators read it: state and counters (shared by the planner, sender and routes). */
export interface RunRecord {
  runId: string;
  week: string;
  state: RunState;
  /** Why a run was skipped (`late`). */
  reason?: string;
  scheduledAt: string;
  startedAt: string;
  finishedAt?: string;
  shardCount: number;
  shardsDone: number;
  shardsQueued?: boolean;
  batchesPlanned: number;
  batchesDone: number;
  events: number;
  cancellations: number;
  planned: number;
  sent: number;
  failed: number;
  suppressed: number;
  skipped: number;
}

/** Where a shard's walk stands: the next page, its cursor, and recipients carried to fill a batch. */
export interface ShardCheckpoint {
  page: number;
  cursor?: Record<string, unknown>;
  carry: Partial<Record<Language, Recipient[]>>;
  done: boolean;
}

export interface Recipient {
  /** Subscriber id. */
  id: string;
  email: string;
  name?: string;
  /** Content id (what this recipient's mail says). */
  content: string;
}

/** A batch's marker: the recipients done with (sent, or refused for good) and whether it is finished. */
export interface BatchMarker {
  state: 'sending' | 'sent';
  done: Set<string>;
}
