import { personalDataAccessOf } from '../audit/store.ts';
import { businessView } from '../businesses/views.ts';
import { listOwnerBusinesses } from '../businesses/store.ts';
import { httpHandler } from '../shared/http.ts';
import { findSubscriber, toSubscriptionView } from '../subscriptions/store.ts';
import { findOwnerNeeds } from '../surveys/needs.ts';
import { responsesOfOwner } from '../surveys/responses-store.ts';
import { responseView } from '../surveys/views.ts';
import { normaliseEmail } from '../shared/validation.ts';
import { subscriberIdOf } from '../subscriptions/tokens.ts';
import { getMyData } from './routes.ts';

/** UU PDP right of access: every record held about the caller, unmasked (it is theirs). */
export const handler = httpHandler(getMyData, async ({ caller }) => {
  const [businesses, personalDataAccess, subscription, responses, needs] = await Promise.all([
    listOwnerBusinesses(caller.sub),
    personalDataAccessOf(caller.sub),
    caller.email ? findSubscriber(subscriberIdOf(normaliseEmail(caller.email))) : undefined,
    responsesOfOwner(caller.sub),
    findOwnerNeeds(caller.sub),
  ]);
  return {
    body: {
      subject: caller.sub,
      generatedAt: new Date().toISOString(),
      businesses: businesses.map(businessView),
      subscription: subscription ? toSubscriptionView(subscription) : null,
      surveyResponses: responses.map(responseView),
      declaredNeeds: needs ? { needs: needs.needs, byBusiness: needs.byBusiness } : null,
      personalDataAccess,
    },
    headers: { 'Cache-Control': 'private, no-store' },
  };
});
