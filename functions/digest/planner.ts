import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { requireEnv } from '../shared/config.ts';
import { DIGEST_SHARDS } from '../shared/keys.ts';
import { logger } from '../shared/logger.ts';
import type { Language } from '../subscriptions/schemas.ts';
import { contentIdOf, planContent, renderContent, type DigestSnapshot } from './content.ts';
import { BATCH_SIZE, ShardMessage, StartRun, messageOf, type BatchMessage } from './messages.ts';
import { enqueue } from './queue.ts';
import { subscribersOfShard } from '../subscriptions/store.ts';
import { declaredNeedsOf } from '../surveys/needs-store.ts';
import type { Recipient, RunRecord } from './model.ts';
import {
  allCheckpoints,
  commitPage,
  findCheckpoint,
  findSnapshot,
  saveContent,
  saveSnapshot,
} from './plan-store.ts';
import { createRun, findRun, finishPlanning, markShardsQueued } from './run-store.ts';
import { lastDigestSince, thisWeeksSnapshot } from './snapshot.ts';
import { forcedRunId, isoWeekOf } from './week.ts';

/**
 * The digest planner. The Scheduler invokes it once a week (`{ kind: 'start', scheduledTime }`): it opens
 * the week's run (a conditional write, so a second trigger does nothing), skips it when the trigger is
 * later than LATE_AFTER_HOURS, gathers the events, and hands one message per shard of confirmed
 * subscribers to the plan queue. The plan queue invokes it again per shard: it walks that shard's
 * slice of the sparse subscriber index page by page (Queries, never a Scan), renders each distinct
 * content once, and queues batches of at most 50 recipients of one language for the sender. A shard that
 * runs short of time queues itself again and goes on from its checkpoint.
 */
const lateAfterMs = Number(process.env.DIGEST_LATE_AFTER_HOURS ?? 12) * 3600_000;
const webUrl = requireEnv('WEB_URL');
/** Subscribers per Query page (about 300 KB of items). */
const PAGE_SIZE = Number(process.env.DIGEST_PAGE_SIZE ?? 1000);
/** Time kept in hand before a shard queues itself to go on in a fresh invocation. */
const RESERVE_MS = 60_000;

export type StartResult =
  { status: 'started' | 'resumed'; runId: string } | { status: 'duplicate' | 'skipped'; runId: string };

export async function startRun(input: StartRun, nowMs = Date.now()): Promise<StartResult> {
  const scheduledMs = input.scheduledTime ? Date.parse(input.scheduledTime) : nowMs;
  const week = isoWeekOf(new Date(scheduledMs));
  const runId = input.force ? forcedRunId(week, nowMs) : week;
  const late = nowMs - scheduledMs > lateAfterMs;
  const now = new Date(nowMs).toISOString();
  const run: RunRecord = {
    runId,
    week,
    state: late ? 'skipped' : 'planning',
    ...(late ? { reason: 'late', finishedAt: now } : {}),
    scheduledAt: new Date(scheduledMs).toISOString(),
    startedAt: now,
    shardCount: DIGEST_SHARDS,
    shardsDone: 0,
    batchesPlanned: 0,
    batchesDone: 0,
    events: 0,
    cancellations: 0,
    planned: 0,
    sent: 0,
    failed: 0,
    suppressed: 0,
    skipped: 0,
  };
  if (!(await createRun(run))) {
    const existing = await findRun(runId, true);
    // A trigger after a crash between opening the run and queueing its shards picks up from there.
    if (existing?.state !== 'planning' || existing.shardsQueued) {
      logger.info('digest already started for this week; nothing to do', { runId });
      return { status: 'duplicate', runId };
    }
    await queueShards(runId, nowMs);
    return { status: 'resumed', runId };
  }
  if (late) {
    logger.warn('digest trigger came too late; run recorded as skipped', {
      runId,
      lateMs: nowMs - scheduledMs,
    });
    return { status: 'skipped', runId };
  }
  await queueShards(runId, nowMs);
  logger.info('digest run started', { runId });
  return { status: 'started', runId };
}

async function queueShards(runId: string, nowMs: number): Promise<void> {
  const snapshot = await thisWeeksSnapshot(await lastDigestSince(runId, nowMs), nowMs);
  await saveSnapshot(runId, snapshot, nowMs);
  await enqueue(
    'plan',
    Array.from({ length: DIGEST_SHARDS }, (_, shard) =>
      JSON.stringify({ kind: 'shard', runId, shard } satisfies ShardMessage),
    ),
  );
  await markShardsQueued(runId, {
    events: snapshot.upcoming.length,
    cancellations: snapshot.cancelled.length,
  });
}

const snapshots = new Map<string, DigestSnapshot>();
/** Content ids written in this execution environment (rendering and the write happen once each). */
const written = new Set<string>();

type Carry = Partial<Record<Language, Recipient[]>>;

const batchMessages = (runId: string, prefix: string, carry: Carry, flushAll: boolean) => {
  const messages: BatchMessage[] = [];
  const rest: Carry = {};
  for (const [language, recipients] of Object.entries(carry) as [Language, Recipient[]][]) {
    const full = flushAll ? recipients.length : recipients.length - (recipients.length % BATCH_SIZE);
    for (let start = 0; start < full; start += BATCH_SIZE) {
      messages.push({
        runId,
        batchId: `${prefix}-${language}-${start / BATCH_SIZE}`,
        language,
        recipients: recipients.slice(start, Math.min(start + BATCH_SIZE, full)),
      });
    }
    if (full < recipients.length) rest[language] = recipients.slice(full);
  }
  return { messages, rest };
};

/** Walks one shard from its checkpoint until it is done or the invocation runs short of time. */
export async function walkShard(message: ShardMessage, remainingMs: () => number, nowMs = Date.now()) {
  const { runId, shard } = message;
  const run = await findRun(runId);
  if (run?.state !== 'planning') return;
  let snapshot = snapshots.get(runId);
  if (!snapshot) {
    snapshot = await findSnapshot(runId);
    if (!snapshot) throw new Error(`run ${runId} has no events snapshot`);
    snapshots.set(runId, snapshot);
  }
  let checkpoint = await findCheckpoint(runId, shard);
  while (!checkpoint.done) {
    if (remainingMs() < RESERVE_MS) {
      await enqueue('plan', [JSON.stringify(message)]);
      return;
    }
    const { subscribers, next } = await subscribersOfShard(shard, checkpoint.cursor, PAGE_SIZE);
    const owners = subscribers.flatMap((subscriber) => (subscriber.ownerSub ? [subscriber.ownerSub] : []));
    const needs = owners.length > 0 ? await declaredNeedsOf(owners) : new Map<string, string[]>();
    const carry: Carry = { ...checkpoint.carry };
    let planned = 0;
    let skipped = 0;
    for (const subscriber of subscribers) {
      const plan =
        subscriber.status === 'confirmed' && subscriber.email
          ? planContent(
              snapshot,
              subscriber,
              subscriber.ownerSub ? needs.get(subscriber.ownerSub) : undefined,
            )
          : undefined;
      if (!plan || !subscriber.email) {
        skipped++;
        continue;
      }
      const content = contentIdOf(plan);
      if (!written.has(`${runId}/${content}`)) {
        await saveContent(runId, content, renderContent(snapshot, plan, webUrl), nowMs);
        written.add(`${runId}/${content}`);
      }
      (carry[plan.language] ??= []).push({
        id: subscriber.id,
        email: subscriber.email,
        ...(subscriber.name ? { name: subscriber.name } : {}),
        content,
      });
      planned++;
    }
    const done = next === undefined;
    const { messages, rest } = batchMessages(runId, `s${shard}p${checkpoint.page}`, carry, false);
    await enqueue(
      'send',
      messages.map((batch) => JSON.stringify(batch)),
    );
    const committed = await commitPage(
      runId,
      shard,
      checkpoint.page,
      { ...(next ? { cursor: next } : {}), carry: rest, done },
      { planned, skipped, batches: messages.length },
      nowMs,
    );
    if (!committed) logger.info('shard page was committed by an earlier delivery', { runId, shard });
    checkpoint = await findCheckpoint(runId, shard);
  }
  await finishIfLastShard(runId, nowMs);
}

/**
 * When every shard is walked, the part batches each shard kept back are packed into full batches and
 * queued, and the run moves to sending. Two shards finishing together may both get here: the batch ids
 * are the same, so the sender's markers send each once, and only one of them moves the run on.
 */
async function finishIfLastShard(runId: string, nowMs: number): Promise<void> {
  const run = await findRun(runId, true);
  if (run?.state !== 'planning' || run.shardsDone < run.shardCount) return;
  const checkpoints = await allCheckpoints(runId);
  const carry: Carry = {};
  for (const checkpoint of checkpoints) {
    for (const [language, recipients] of Object.entries(checkpoint.carry) as [Language, Recipient[]][])
      (carry[language] ??= []).push(...recipients);
  }
  const { messages } = batchMessages(runId, 'rest', carry, true);
  await enqueue(
    'send',
    messages.map((batch) => JSON.stringify(batch)),
  );
  if (await finishPlanning(runId, messages.length, nowMs)) logger.info('digest planned', { runId });
}

export async function handler(
  event: StartRun | SQSEvent,
  context?: Pick<Context, 'getRemainingTimeInMillis'>,
): Promise<StartResult | SQSBatchResponse> {
  const remainingMs = () => context?.getRemainingTimeInMillis() ?? 15 * 60_000;
  if (!('Records' in event)) {
    const input = StartRun.safeParse(event);
    if (!input.success) {
      logger.error('digest start event is not valid; ignored', { issues: input.error.issues.length });
      throw new Error('invalid start event');
    }
    return startRun(input.data);
  }
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const message = messageOf(record.body, ShardMessage);
    if (!message.success) {
      logger.error('plan message is not valid; to the dead-letter queue', { messageId: record.messageId });
      batchItemFailures.push({ itemIdentifier: record.messageId });
      continue;
    }
    try {
      await walkShard(message.data, remainingMs);
    } catch (error) {
      logger.error('shard walk failed; it will be retried', {
        messageId: record.messageId,
        runId: message.data.runId,
        shard: message.data.shard,
        errorName: (error as Error).name,
      });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}
