import { eventKey, eventsByStatusIndexKey, publicEventsIndexKey } from '../shared/keys.ts';
import { toUtc, toWib } from './times.ts';
import type { EventInput, EventView } from './schemas.ts';

/**
 * An event as stored: the view the API shows, the start and end in UTC for the index sort keys, and the
 * operator who created it. Pure functions (no table client), so the local seed can use them too.
 */
export interface EventRecord extends EventView {
  startUtc: string;
  endUtc: string;
  createdBy: string;
}

/** What the API shows of a record: everything but the index times and the operator who created it. */
export function toView(record: EventRecord): EventView {
  const { startUtc: _start, endUtc: _end, createdBy: _by, ...view } = record;
  return view;
}

/** The stored form of an operator's input: times in WIB, defaults filled in. */
function normalise(input: EventInput) {
  return {
    ...input,
    start: toWib(input.start),
    end: toWib(input.end),
    ...(input.registration?.deadline
      ? { registration: { ...input.registration, deadline: toWib(input.registration.deadline) } }
      : {}),
    fee: input.fee ?? 0,
    needs: input.needs ?? [],
    tags: input.tags ?? [],
  };
}

export function newEventRecord(input: EventInput, id: string, now: string, createdBy: string): EventRecord {
  return {
    ...normalise(input),
    id,
    status: 'draft',
    version: 1,
    createdAt: now,
    updatedAt: now,
    startUtc: toUtc(input.start),
    endUtc: toUtc(input.end),
    createdBy,
  };
}

/** The record with `changes` applied, as the next version. */
export function revise(record: EventRecord, changes: Partial<EventRecord>, now: string): EventRecord {
  const next = { ...record, ...changes, version: record.version + 1, updatedAt: now };
  return { ...next, startUtc: toUtc(next.start), endUtc: toUtc(next.end) };
}

/** An operator's edit applied to the record: fields left out stay as they were. */
export function edited(record: EventRecord, input: EventInput, now: string): EventRecord {
  return revise(record, normalise(input), now);
}

export function itemOf(record: EventRecord) {
  const listed = record.status !== 'draft';
  return {
    ...record,
    ...eventKey(record.id),
    ...eventsByStatusIndexKey(record.status, record.startUtc, record.id),
    ...(listed ? publicEventsIndexKey(record.startUtc, record.id) : {}),
  };
}
