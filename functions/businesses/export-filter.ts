import { EXPORT_JOB_SORT_KEY } from '../shared/keys.ts';

/**
 * Which stream records wake the export worker: new export job items only. Its worker row carries it: CDK
 * makes it the event source mapping's filter criteria, and the local runtime applies the same pattern.
 */
export const EXPORT_JOB_FILTER_PATTERN = {
  eventName: ['INSERT'],
  dynamodb: { NewImage: { SK: { S: [EXPORT_JOB_SORT_KEY] } } },
} as const;
