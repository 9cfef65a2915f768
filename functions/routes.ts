import * as registration from './businesses/registration-routes.ts';
import { businessResponses } from './businesses/openapi.ts';
import { claimResponses } from './claims/openapi.ts';
import * as businessExport from './businesses/export-openapi.ts';
import * as businesses from './businesses/routes.ts';
import * as claims from './claims/routes.ts';
import * as digest from './digest/routes.ts';
import * as eventLists from './events/list-routes.ts';
import * as posters from './events/poster-routes.ts';
import * as events from './events/routes.ts';
import * as health from './health/routes.ts';
import { importResponses } from './imports/openapi.ts';
import * as imports from './imports/routes.ts';
import * as me from './me/routes.ts';
import * as eventPages from './pages/event-routes.ts';
import * as subscriptionPages from './pages/subscription-routes.ts';
import * as regions from './regions/routes.ts';
import { documented, type AnyRoute } from './shared/route.ts';
import * as subscriptions from './subscriptions/routes.ts';
import * as surveyAnswers from './surveys/answer-routes.ts';
import * as surveyDefinitions from './surveys/definition-routes.ts';
import { surveyResponses } from './surveys/openapi.ts';
import * as surveys from './surveys/routes.ts';
import * as surveyTemplates from './surveys/template-routes.ts';

/**
 * The route manifest: every API route, in one list. The CDK stack (`lib/api.ts`), the local server
 * (`lib/local/server.ts`) and the OpenAPI document (`lib/openapi.ts`) are all built from it; nothing else
 * lists routes. Each feature declares its rows in its own `routes.ts`.
 */
export const routes: readonly AnyRoute[] = documented(
  [
    health.getHealth,
    regions.listRegions,
    regions.getRegion,
    me.getMe,
    me.getMyData,
    registration.registerBusiness,
    businesses.listMyBusinesses,
    businesses.getBusiness,
    registration.updateBusiness,
    businesses.deleteBusiness,
    businesses.listBusinesses,
    businessExport.exportBusinesses,
    businessExport.getBusinessExport,
    businesses.verifyBusiness,
    businesses.businessStats,
    claims.startClaim,
    claims.confirmClaim,
    claims.redeemClaimLetter,
    claims.printClaimLetter,
    imports.startImport,
    imports.listImports,
    imports.importTemplate,
    imports.getImport,
    imports.getImportReport,
    events.createEvent,
    events.updateEvent,
    events.publishEvent,
    events.cancelEvent,
    events.deleteEvent,
    posters.startPosterUpload,
    posters.confirmPoster,
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
    surveyDefinitions.createSurvey,
    surveys.listSurveys,
    surveyAnswers.openSurveys,
    surveys.getSurvey,
    surveyDefinitions.updateSurvey,
    surveys.publishSurvey,
    surveys.closeSurvey,
    surveys.startSurveyVersion,
    surveys.surveyResults,
    surveys.exportSurveyResponses,
    surveyTemplates.listSurveyTemplates,
    surveyTemplates.copySurveyTemplate,
    surveyAnswers.putSurveyResponse,
    surveyAnswers.getSurveyResponse,
    digest.listDigests,
    digest.previewDigest,
    digest.getDigest,
    subscriptionPages.confirmPage,
    subscriptionPages.confirmForm,
    subscriptionPages.preferencesPage,
    subscriptionPages.preferencesForm,
    subscriptionPages.stopPage,
    subscriptionPages.stopForm,
    eventPages.agendaPage,
    eventPages.eventPage,
    eventPages.eventCalendar,
    eventPages.defaultPosterImage,
    eventPages.eventPoster,
  ],
  { ...businessResponses, ...claimResponses, ...importResponses, ...surveyResponses },
);

/** Method and path of every route: what the `$default` function needs to tell 405 from 404. */
export const routeKeys = () => routes.map(({ method, path }) => ({ method, path }));
