import { setTimeout as sleep } from 'node:timers/promises';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ddb } from './db.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** A transaction DynamoDB cancelled, with the reason code of each item (`ConditionalCheckFailed`, `None`…). */
export class TransactionCancelled extends Error {
  constructor(readonly reasons: (string | undefined)[]) {
    super('transaction cancelled');
    this.name = 'TransactionCancelled';
  }

  /** True when the item at `index` failed its condition. */
  failedAt(index: number): boolean {
    return this.reasons[index] === 'ConditionalCheckFailed';
  }
}

const ATTEMPTS = 4;

/**
 * One TransactWriteItems call, all or nothing. A cancellation caused only by a concurrent transaction on
 * the same items (a counter two registrations share) is retried with jitter; a failed condition is the
 * caller's to interpret; throttling surfaces as such (503 to the caller).
 */
export async function transactWrite(items: TransactItem[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await ddb.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      if ((error as Error).name !== 'TransactionCanceledException') throw error;
      const reasons = (
        (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []
      ).map((r) => r.Code);
      if (reasons.some((code) => code === 'ConditionalCheckFailed')) throw new TransactionCancelled(reasons);
      const busy = reasons.some(
        (code) => code === 'ThrottlingError' || code === 'ProvisionedThroughputExceeded',
      );
      const conflict = reasons.some((code) => code === 'TransactionConflict');
      if (busy || !conflict || attempt >= ATTEMPTS) {
        throw Object.assign(new Error('transaction could not complete'), {
          name: busy || conflict ? 'TransactionConflictException' : 'TransactionCancelled',
        });
      }
      await sleep(10 * 2 ** attempt + Math.random() * 40);
    }
  }
}
