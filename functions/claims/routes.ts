import { BusinessIdPath } from '../businesses/id-path.ts';
import { defineRoute } from '../shared/route.ts';
import { ClaimIdPath, ConfirmClaim, RedeemClaimLetter, StartClaim } from './schemas.ts';

/*
 * Claiming an imported record. Every answer before the code is checked is the same whether or not the
 * NIB/reference and NIK are on file; tries and claims are capped per claim, per account and per NIB or
 * reference named, on top of API Gateway's route throttle.
 */

const CLAIM_THROTTLE = { rateLimit: 5, burstLimit: 10 };
const CLAIM_TABLE = {
  actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem'] as const,
};

export const startClaim = defineRoute({
  id: 'startClaim',
  method: 'POST',
  path: '/claims',
  handler: 'claims/start-claim.ts',
  throttle: CLAIM_THROTTLE,
  access: 'owner',
  tag: 'Claims',
  summary:
    'Claim an imported business by its NIB or import reference and the owner’s NIK; a one-time code goes to the email on record. The answer is the same whether or not anything matched',
  request: { body: StartClaim },
  response: { status: 202, description: 'Claim opened: `claimId` and when its code expires' },
  errors: [429],
  table: { actions: ['GetItem', 'PutItem', 'UpdateItem'] },
});

export const confirmClaim = defineRoute({
  id: 'confirmClaim',
  method: 'POST',
  path: '/claims/{id}/confirmation',
  handler: 'claims/confirm-claim.ts',
  throttle: CLAIM_THROTTLE,
  access: 'owner',
  tag: 'Claims',
  summary:
    'Enter the mailed code: the caller becomes the business’s owner and is told its legal basis and source',
  request: { path: ClaimIdPath, body: ConfirmClaim },
  response: { status: 200, description: 'The business, now the caller’s, and the data-protection notice' },
  errors: [404, 409, 422],
  identitySecret: true,
  table: { actions: [...CLAIM_TABLE.actions] },
});

export const redeemClaimLetter = defineRoute({
  id: 'redeemClaimLetter',
  method: 'POST',
  path: '/claims/letter',
  handler: 'claims/redeem-claim-letter.ts',
  throttle: CLAIM_THROTTLE,
  access: 'owner',
  tag: 'Claims',
  summary:
    'Claim with the code of a printed claim letter, the NIB or import reference and the owner’s NIK: the caller becomes the owner',
  request: { body: RedeemClaimLetter },
  response: { status: 200, description: 'The business, now the caller’s, and the data-protection notice' },
  errors: [409, 422, 429],
  identitySecret: true,
  table: { actions: [...CLAIM_TABLE.actions] },
});

export const printClaimLetter = defineRoute({
  id: 'printClaimLetter',
  method: 'POST',
  path: '/businesses/{id}/claim-letter',
  handler: 'claims/print-claim-letter.ts',
  siteUrl: true,
  access: 'operator',
  tag: 'Claims',
  summary:
    'A printable claim letter with a new one-time code for an imported business nobody has claimed (operators; for owners without email). Replaces any earlier letter; recorded as a read of the owner’s data',
  request: { path: BusinessIdPath },
  response: { status: 200, description: 'The letter, an HTML page to print', mediaType: 'text/html' },
  errors: [404, 409],
  table: { actions: ['GetItem', 'PutItem'] },
});
