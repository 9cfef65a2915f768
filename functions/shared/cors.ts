/** CORS settings shared by the functions, the API Gateway preflight configuration and the local server. */
export const CORS_ALLOW_HEADERS = ['authorization', 'content-type', 'if-match'];
export const CORS_EXPOSE_HEADERS = ['etag', 'location', 'x-correlation-id', 'retry-after', 'x-next-cursor'];
export const CORS_ALLOW_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export const CORS_MAX_AGE_SECONDS = 3600;
