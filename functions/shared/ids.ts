import { monotonicFactory } from 'ulid';

/** Time-sortable ids (ULID): lists sorted by id are sorted by creation time. */
export const newId: () => string = monotonicFactory();
