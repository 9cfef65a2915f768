import { registerPersonalData } from '../shared/personal-data.ts';
import { eraseResponses, needsWithoutBusiness } from './erasure.ts';
import { findOwnerNeeds } from './needs.ts';
import { responsesOfOwner } from './responses-store.ts';
import { responseView } from './views.ts';

/**
 * A business's answers go first, each with its counts; the owner's declared needs are recomputed
 * without the business in the record's own transaction, so they never name a business that is gone.
 */
export const surveysPersonalData = registerPersonalData({
  feature: 'surveys',
  holds: "each business's survey answers, and the needs its owner declared",
  export: {
    surveyResponses: async ({ sub }) => (await responsesOfOwner(sub)).map(responseView),
    declaredNeeds: async ({ sub }) => {
      const needs = await findOwnerNeeds(sub);
      return needs ? { needs: needs.needs, byBusiness: needs.byBusiness } : null;
    },
  },
  business: {
    eraseFirst: (business) => eraseResponses(business.id),
    eraseWithRecord: async (business) => [await needsWithoutBusiness(business)],
  },
});
