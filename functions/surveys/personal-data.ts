import { registerPersonalData } from '../shared/personal-data.ts';
import { answersOfOwner, eraseAnswersOf } from './answers-store.ts';
import { findOwnerNeeds, needsWithoutBusiness } from './needs-store.ts';
import { answersView } from './views.ts';

/**
 * A business's answers go first, each with its counts; the owner's declared needs are recomputed
 * without the business in the record's own transaction, so they never name a business that is gone.
 */
export const surveysPersonalData = registerPersonalData({
  feature: 'surveys',
  holds: "each business's survey answers, and the needs its owner declared",
  export: {
    surveyResponses: async ({ sub }) => (await answersOfOwner(sub)).map(answersView),
    declaredNeeds: async ({ sub }) => {
      const needs = await findOwnerNeeds(sub);
      return needs ? { needs: needs.needs, byBusiness: needs.byBusiness } : null;
    },
  },
  business: {
    eraseFirst: (business) => eraseAnswersOf(business.id),
    eraseWithRecord: async (business) => [await needsWithoutBusiness(business)],
  },
});
