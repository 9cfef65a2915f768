import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor } from '../shared/cursor.ts';
import { ddb, tableName } from '../shared/db.ts';
import { DIGEST_RUNS_PARTITION, digestRunKey } from '../shared/keys.ts';
import { RUN_ID } from './week.ts';
import type { RunState, RunView } from './schemas.ts';

/** Digest runs as operators read them: state and counters (shared by the planner, sender and routes). */

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

export async function findRun(runId: string, consistent = false): Promise<RunRecord | undefined> {
  const { Item } = await ddb.send(
    new GetCommand({ TableName: tableName, Key: digestRunKey(runId), ConsistentRead: consistent }),
  );
  return Item as RunRecord | undefined;
}

/** Runs newest first (GSI2), paged; `before` narrows to runs earlier than a run id. */
export async function listRuns(options: {
  limit: number;
  cursor?: string;
  before?: string;
}): Promise<{ runs: RunRecord[]; cursor?: string }> {
  const after = decodeCursor(options.cursor, DIGEST_RUNS_PARTITION, (position) => RUN_ID.test(position));
  const upper = after ?? options.before;
  const { Items, LastEvaluatedKey } = await ddb.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'GSI2',
      KeyConditionExpression: upper === undefined ? 'GSI2PK = :pk' : 'GSI2PK = :pk AND GSI2SK < :upper',
      ExpressionAttributeValues: { ':pk': DIGEST_RUNS_PARTITION, ...(upper ? { ':upper': upper } : {}) },
      ScanIndexForward: false,
      Limit: options.limit,
    }),
  );
  const runs = (Items ?? []) as RunRecord[];
  const last = runs.at(-1);
  return {
    runs,
    ...(LastEvaluatedKey && last ? { cursor: encodeCursor(DIGEST_RUNS_PARTITION, last.runId) } : {}),
  };
}
