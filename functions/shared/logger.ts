import { Logger } from '@aws-lambda-powertools/logger';

/**
 * The one structured logger. Never log an event, a body, a token or personal data (NIK, phone, email,
 * money figures): log ids, route names, status codes and durations.
 */
export const logger = new Logger({ serviceName: 'umkm-hub' });
