import * as z from 'zod/mini';
import { BusinessView } from '../businesses/openapi.ts';

/*
 * Response shapes of the claim routes, for the OpenAPI document only: `functions/routes.ts` attaches them
 * to the rows, so that no handler bundle carries them.
 */

const Text = z.object({ id: z.string(), en: z.string() });

const Claimed = z.object({
  business: BusinessView,
  notice: z.object({
    legalBasis: z.enum(['consent', 'public-task']),
    source: z.nullable(
      z.object({
        kind: z.literal('import'),
        importId: z.string(),
        row: z.number(),
        label: z.optional(z.string()),
      }),
    ),
    text: Text,
  }),
});

export const claimResponses = {
  startClaim: z.object({ claimId: z.string(), expiresAt: z.string(), message: Text }),
  confirmClaim: Claimed,
  redeemClaimLetter: Claimed,
};
