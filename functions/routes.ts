import * as eventLists from './events/list-routes.ts';
import * as events from './events/routes.ts';
import * as health from './health/routes.ts';
import * as me from './me/routes.ts';
import * as regions from './regions/routes.ts';
import * as subscriptions from './subscriptions/routes.ts';
import type { AnyRoute } from './shared/route.ts';

/**
 * The route manifest: every API route, in one list. The CDK stack (`lib/api.ts`), the local server
 * (`lib/local/server.ts`) and the OpenAPI document (`lib/openapi.ts`) are all built from it; nothing else
 * lists routes. Each feature declares its rows in its own `routes.ts`.
 */
export const routes: readonly AnyRoute[] = [
  health.getHealth,
  regions.listRegions,
  regions.getRegion,
  me.getMe,
  events.createEvent,
  events.updateEvent,
  events.publishEvent,
  events.cancelEvent,
  events.deleteEvent,
  eventLists.listManagedEvents,
  eventLists.listEvents,
  events.getEvent,
  eventLists.eventsCalendar,
  subscriptions.createSubscription,
  subscriptions.confirmSubscription,
  subscriptions.getPreferences,
  subscriptions.updatePreferences,
  subscriptions.unsubscribe,
  subscriptions.unsubscribePage,
  subscriptions.getMySubscription,
  subscriptions.putMySubscription,
];

/** Method and path of every route: what the `$default` function needs to tell 405 from 404. */
export const routeKeys = () => routes.map(({ method, path }) => ({ method, path }));
