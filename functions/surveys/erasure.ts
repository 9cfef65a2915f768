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

/** The transaction item that takes the business out of its owner's declared needs. */
export async function needsWithoutBusiness(business: {
  id: string;
  ownerSub: string;
}): Promise<TransactItem> {
  const needs = await findOwnerNeeds(business.ownerSub);
  return ownerNeedsItem(business.ownerSub, needs, business.id, undefined, new Date().toISOString());
}
