import type { HistoryEntry } from './store.ts';

/** History kept on a record: the newest entries, so that a record never outgrows DynamoDB's item size. */
const HISTORY_LIMIT = 200;

export const appendHistory = (history: HistoryEntry[], ...entries: HistoryEntry[]) =>
  [...history, ...entries].slice(-HISTORY_LIMIT);
