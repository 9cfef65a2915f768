import { tableName } from '../shared/db.ts';
import { surveyResponseKey } from '../shared/keys.ts';
import { TransactionCancelled, transactWrite, versionIs, type TransactItem } from '../shared/dynamo.ts';
import { findOwnerNeeds, ownerNeedsItem } from './needs.ts';
import { responsesOfBusiness } from './responses-store.ts';
import { counterUpdates } from './tally.ts';

/*
 * What erasing a business (UU PDP) does to its survey data: each response goes with its counts (one
 * transaction per response, so a business that answered many surveys stays within DynamoDB's 100 items
 * per transaction), then the record itself goes together with its place in the owner's declared needs.
 */

export async function eraseResponses(businessId: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const responses = await responsesOfBusiness(businessId);
    if (responses.length === 0) return;
    try {
      for (const response of responses) {
        await transactWrite([
          {
            Delete: {
              TableName: tableName,
              Key: surveyResponseKey(businessId, response.surveyId),
              ...versionIs('revision', response.revision),
            },
          },
          ...counterUpdates(response.surveyId, response, undefined),
        ]);
      }
    } catch (error) {
      // Changed while being erased: read the responses again.
      if (!(error instanceof TransactionCancelled) || attempt >= 3) throw error;
    }
  }
}

/**
 * Runs `erase` (the business's own erasure transaction) with the owner's needs item recomputed without the
 * business, re-reading the needs when they changed concurrently.
 */
export async function withNeedsErased(
  business: { id: string; ownerSub: string },
  erase: (extra: TransactItem[]) => Promise<void>,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const needs = await findOwnerNeeds(business.ownerSub);
    try {
      await erase([
        ownerNeedsItem(business.ownerSub, needs, business.id, undefined, new Date().toISOString()),
      ]);
      return;
    } catch (error) {
      if (!(error instanceof TransactionCancelled) || attempt >= 3) throw error;
    }
  }
}
