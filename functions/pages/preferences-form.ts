import { HttpProblem } from '../shared/problem.ts';
import { filtersOf } from '../subscriptions/model.ts';
import { savePreferences } from '../subscriptions/store.ts';
import { toSubscriptionView } from '../subscriptions/views.ts';
import { verifyToken } from '../subscriptions/tokens.ts';
import { pageHandler, personalPage, requireSameOrigin } from './layout.ts';
import { preferencesForm } from './subscription-routes.ts';
import { savedPage } from './subscription-views.ts';

export const handler = pageHandler(preferencesForm, async ({ body, headers }) => {
  requireSameOrigin(headers);
  const subscriberId = verifyToken(body.token, 'manage', 'body');
  const record = await savePreferences(subscriberId, {
    name: body.name,
    language: body.language,
    filters: filtersOf(body),
  });
  if (!record) throw new HttpProblem(410, 'The link is no longer valid; subscribe again.');
  return personalPage(savedPage(toSubscriptionView(record), body.token));
});
