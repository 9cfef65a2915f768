/** Examples per route id: the JSON request body, the JSON success body, and non-JSON bodies by media type. */
export interface RouteExamples {
  request?: unknown;
  response?: unknown;
  text?: Record<string, string>;
}

export const routeExamples: Record<string, RouteExamples> = {};
