import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, tableName } from '../shared/db.ts';
import { expiresAfter, isConditionFailure, transactWrite, type TransactItem } from '../shared/dynamo.ts';
import { digestBatchKey } from '../shared/keys.ts';
import { RUN_ITEMS_TTL_SECONDS, type BatchMarker } from './model.ts';
import { addToRun } from './run-store.ts';

/*
 * The batch markers: one per batch the sender is given (`DIGEST#<runId>` / `BATCH#<id>`), naming the
 * recipients done with, so that a redelivered batch sends to nobody twice. A lease keeps two deliveries
 * of the same batch from sending at once.
 */

/**
 * Claims a batch for this delivery: creates its marker, or takes over one whose lease ran out (an
 * earlier delivery that stopped). Returns the marker, or `busy` while another delivery holds the lease.
 */
export async function claimBatch(
  runId: string,
  batchId: string,
  leaseMs: number,
  nowMs: number,
): Promise<BatchMarker | 'busy'> {
  try {
    const { Attributes } = await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: digestBatchKey(runId, batchId),
        UpdateExpression:
          'SET #state = if_not_exists(#state, :sending), leaseUntil = :lease, expiresAt = :ttl',
        ConditionExpression: 'attribute_not_exists(PK) OR #state = :sent OR leaseUntil < :now',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':sent': 'sent',
          ':lease': nowMs + leaseMs,
          ':now': nowMs,
          ':ttl': expiresAfter(nowMs, RUN_ITEMS_TTL_SECONDS).expiresAt,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    const marker = Attributes as { state: BatchMarker['state']; done?: Set<string> };
    return { state: marker.state, done: marker.done ?? new Set() };
  } catch (error) {
    if (isConditionFailure(error)) return 'busy';
    throw error;
  }
}

/**
 * Records recipients done with in one attempt and adds to the run's counters in the same transaction,
 * so counters match the markers. `finished` closes the batch (and counts it done for the run).
 */
export async function recordAttempt(
  runId: string,
  batchId: string,
  outcome: { done: string[]; sent: number; failed: number; skipped: number; finished: boolean },
): Promise<void> {
  const marker: TransactItem = {
    Update: {
      TableName: tableName,
      Key: digestBatchKey(runId, batchId),
      UpdateExpression: [
        // A lease of 0 lets the next delivery take the batch over at once.
        outcome.finished ? 'SET #state = :sent REMOVE leaseUntil' : 'SET leaseUntil = :free',
        outcome.done.length > 0 ? 'ADD done :done' : '',
      ].join(' '),
      ConditionExpression: '#state = :sending',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: {
        ':sending': 'sending',
        ...(outcome.finished ? { ':sent': 'sent' } : { ':free': 0 }),
        ...(outcome.done.length > 0 ? { ':done': new Set(outcome.done) } : {}),
      },
    },
  };
  const counters = addToRun(runId, {
    sent: outcome.sent,
    failed: outcome.failed,
    skipped: outcome.skipped,
    ...(outcome.finished ? { batchesDone: 1 } : {}),
  });
  await transactWrite([marker, counters]);
}

/**
 * Lets the next delivery take the batch over at once: this one stops without having finished it (SES
 * refused every try), and its lease would otherwise hold the batch until it runs out.
 */
export async function releaseBatch(runId: string, batchId: string): Promise<void> {
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: digestBatchKey(runId, batchId),
        UpdateExpression: 'SET leaseUntil = :free',
        ConditionExpression: '#state = :sending',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':free': 0, ':sending': 'sending' },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
