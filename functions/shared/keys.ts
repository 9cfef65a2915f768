/**
 * Typed key helpers: the only place key strings are composed. Parts are joined with `#`; a part must not
 * contain `#` itself (ids are ULIDs, codes are digits and dots).
 */

export interface TableKey {
  PK: string;
  SK: string;
}

export function composeKey(...parts: (string | number)[]): string {
  for (const part of parts) {
    if (String(part).includes('#')) throw new Error('A key part may not contain #');
  }
  return parts.join('#');
}

/** The part of `key` after its leading `prefix` part (`partAfter('OWNER#abc', 'OWNER')` is `abc`). */
function partAfter(key: string, prefix: string): string {
  const [head, ...rest] = key.split('#');
  if (head !== prefix || rest.length !== 1) throw new Error(`Not a ${prefix} key`);
  return rest[0] ?? '';
}

export const healthKey = (): TableKey => ({ PK: 'HEALTH', SK: 'HEALTH' });

export const businessKey = (id: string): TableKey => ({ PK: composeKey('BUSINESS', id), SK: 'BUSINESS' });
export const nibGuardKey = (nib: string): TableKey => ({ PK: composeKey('NIB', nib), SK: 'NIB' });
/** One NIK, one account: `NIK#<hmac(nik)>` holds the owner's sub and how many of their businesses use it. */
export const nikGuardKey = (nikDigest: string): TableKey => ({ PK: composeKey('NIK', nikDigest), SK: 'NIK' });
export const ownerKey = (sub: string): TableKey => ({ PK: composeKey('OWNER', sub), SK: 'OWNER' });
export const ownerBusinessesPartition = (sub: string) => composeKey('OWNER', sub);

/*
 * Claims (functions/claims): an owner taking over an imported record. A claim holds a one-time code's hash;
 * its mail waits in the outbox under it; counters per account and per NIB/reference typed cap attempts;
 * an operator's printed letter is one item under the business.
 */
export const claimKey = (id: string): TableKey => ({ PK: composeKey('CLAIM', id), SK: 'CLAIM' });
export const claimOutboxKey = (claimId: string, mailId: string): TableKey => ({
  PK: composeKey('CLAIM', claimId),
  SK: composeKey('OUTBOX', mailId),
});
export const claimLetterKey = (businessId: string): TableKey => ({
  PK: composeKey('BUSINESS', businessId),
  SK: 'CLAIMLETTER',
});
/** Claims an account started on a day (WIB date). */
export const accountClaimsKey = (sub: string, day: string): TableKey => ({
  PK: composeKey('OWNER', sub),
  SK: composeKey('CLAIMS', day),
});
/** Claims naming one NIB or reference on a day, whether or not it is on file (`target` is a hash). */
export const targetClaimsKey = (target: string, day: string): TableKey => ({
  PK: composeKey('CLAIMTARGET', target),
  SK: composeKey('CLAIMS', day),
});

/*
 * Imports (functions/imports): one job item per import with its counters, one marker per chunk of rows
 * that has been counted (so a redelivered chunk is counted once), and the guard of a record without NIB
 * (a SHA-256 of NIK and normalised business name: the key holds no NIK in clear).
 */
export const importJobKey = (id: string): TableKey => ({ PK: composeKey('IMPORT', id), SK: 'IMPORT' });
export const importChunkKey = (id: string, chunk: number): TableKey => ({
  PK: composeKey('IMPORT', id),
  SK: composeKey('CHUNK', String(chunk).padStart(6, '0')),
});
/** GSI1: every import, newest first (operators' list). */
export const ALL_IMPORTS_PARTITION = 'IMPORTS';
export const importIndexKey = (id: string) => ({ GSI1PK: ALL_IMPORTS_PARTITION, GSI1SK: id });
export const nikNameGuardKey = (digest: string): TableKey => ({
  PK: composeKey('NIKNAME', digest),
  SK: 'NIKNAME',
});

/*
 * Registry exports (functions/businesses/export-*.ts): one job item per export, with its checkpoint. Its
 * creation (an INSERT of SK `EXPORT`) wakes the export worker through the table's stream.
 */
export const EXPORT_JOB_SORT_KEY = 'EXPORT';
export const exportJobKey = (id: string): TableKey => ({
  PK: composeKey('EXPORT', id),
  SK: EXPORT_JOB_SORT_KEY,
});

/** Records of operators reading a person's data, kept under that person (`OWNER#<sub>`), newest last. */
export const AUDIT_PREFIX = 'AUDIT#';
export const personalDataAccessPartition = (sub: string) => composeKey('OWNER', sub);
export const personalDataAccessKey = (sub: string, id: string): TableKey => ({
  PK: personalDataAccessPartition(sub),
  SK: composeKey('AUDIT', id),
});

/**
 * Index keys of a business: owner (GSI1), kecamatan (GSI2), status (GSI3), all (GSI4); ids sort by time.
 * An imported record nobody has claimed has no owner and so no GSI1 keys (sparse): claiming adds them.
 */
export function businessIndexKeys(business: {
  id: string;
  ownerSub?: string | undefined;
  kecamatan: string;
  status: string;
}) {
  return {
    ...(business.ownerSub === undefined
      ? {}
      : {
          GSI1PK: ownerBusinessesPartition(business.ownerSub),
          GSI1SK: composeKey('BUSINESS', business.id),
        }),
    GSI2PK: businessesByKecamatanPartition(business.kecamatan),
    GSI2SK: business.id,
    GSI3PK: businessesByStatusPartition(business.status),
    GSI3SK: business.id,
    GSI4PK: ALL_BUSINESSES_PARTITION,
    GSI4SK: business.id,
  };
}
export const businessesByKecamatanPartition = (kecamatan: string) =>
  composeKey('BUSINESSES', 'KEC', kecamatan);
export const businessesByStatusPartition = (status: string) => composeKey('BUSINESSES', 'STATUS', status);
export const ALL_BUSINESSES_PARTITION = 'BUSINESSES';

/** Counter cells operators read as statistics: kecamatan × size class × status, and sector × status. */
export const BUSINESS_STATS_PARTITION = 'STATS#BUSINESSES';
export const businessCounterKey = (
  cell:
    | { kind: 'area'; kecamatan: string; sizeClass: string; status: string }
    | { kind: 'sector'; sector: string; status: string },
): TableKey => ({
  PK: BUSINESS_STATS_PARTITION,
  SK:
    cell.kind === 'area'
      ? composeKey('KEC', cell.kecamatan, 'SIZE', cell.sizeClass, 'STATUS', cell.status)
      : composeKey('SECTOR', cell.sector, 'STATUS', cell.status),
});

/* Events (functions/events): one item per event; listings through GSI1 (public) and GSI2 (by status). */

export const EVENT_STATUSES = ['draft', 'published', 'cancelled'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const eventKey = (id: string): TableKey => ({ PK: composeKey('EVENT', id), SK: 'EVENT' });

/** GSI1: published and cancelled events, the ones the public sees, in start order. */
export const publicEventsPartition = () => 'EVENTS#PUBLIC';
export const publicEventsIndexKey = (startUtc: string, id: string) => ({
  GSI1PK: publicEventsPartition(),
  GSI1SK: composeKey(startUtc, id),
});

/** GSI2: every event by status (operators' lists), in start order. */
export const eventsByStatusPartition = (status: EventStatus) => composeKey('EVENTS', status);
export const eventsByStatusIndexKey = (status: EventStatus, startUtc: string, id: string) => ({
  GSI2PK: eventsByStatusPartition(status),
  GSI2SK: composeKey(startUtc, id),
});

/** Sort-key bounds for events starting in [fromUtc, toUtc] (UTC ISO strings, either end open). */
export const eventStartRange = (fromUtc: string, toUtc: string | undefined) => ({
  lower: fromUtc,
  upper: toUtc === undefined ? '~' : `${toUtc}#~`,
});

/** The event id and the item keys behind a listing sort key (`<startUtc>#<id>`), for paging. */
export const eventPosition = (sortKey: string) => {
  const [startUtc, id] = sortKey.split('#');
  return { startUtc: startUtc ?? '', id: id ?? '' };
};

/* Subscriptions (functions/subscriptions): the subscriber's id is an HMAC of the address, never the address. */

export const subscriberKey = (subscriberId: string): TableKey => ({
  PK: composeKey('SUBSCRIBER', subscriberId),
  SK: 'SUBSCRIBER',
});

/** The subscriber id of a subscriber item (its partition key, or its place in the digest index). */
export const subscriberIdOfItem = (item: { PK: unknown }) => partAfter(String(item.PK), 'SUBSCRIBER');

/** The last subscription request that queued no mail (same work as one that does; expires in a day). */
export const requestMarkerKey = (subscriberId: string): TableKey => ({
  PK: composeKey('SUBSCRIBER', subscriberId),
  SK: 'REQUEST',
});

/** Outbox: a mail to send, next to its subscriber; DynamoDB Streams hands its INSERT to the mailer. */
export const OUTBOX_PREFIX = 'OUTBOX#';
export const outboxKey = (subscriberId: string, mailId: string): TableKey => ({
  PK: composeKey('SUBSCRIBER', subscriberId),
  SK: composeKey('OUTBOX', mailId),
});

/*
 * Surveys (functions/surveys). A survey is one head item (its published definition and its draft) plus an
 * immutable snapshot per published version; its live counters sit in the same partition, one item per
 * (kecamatan × sector × size class) cell and question. A business's answers hang under the business.
 */

export const surveyKey = (id: string): TableKey => ({ PK: composeKey('SURVEY', id), SK: 'SURVEY' });
export const surveyVersionKey = (id: string, version: number): TableKey => ({
  PK: composeKey('SURVEY', id),
  SK: composeKey('VERSION', String(version).padStart(4, '0')),
});

/** GSI1: every survey, newest first (operators' list). */
export const ALL_SURVEYS_PARTITION = 'SURVEYS';
/** GSI2: published surveys by closing time (UTC), so that a Query finds those not yet closed. */
export const PUBLISHED_SURVEYS_PARTITION = 'SURVEYS#PUBLISHED';
export const surveyIndexKeys = (survey: { id: string; closesAtUtc?: string }) => ({
  GSI1PK: ALL_SURVEYS_PARTITION,
  GSI1SK: survey.id,
  ...(survey.closesAtUtc
    ? { GSI2PK: PUBLISHED_SURVEYS_PARTITION, GSI2SK: composeKey(survey.closesAtUtc, survey.id) }
    : {}),
});

/** A counter cell of a survey's results: who answered (kecamatan, sector, size class at answer time). */
export interface SurveyCell {
  kecamatan: string;
  sector: string;
  sizeClass: string;
}

/** Sort-key prefix of a survey's counters, narrowed to one kecamatan when given. */
export const surveyCountersPrefix = (kecamatan?: string) =>
  kecamatan === undefined ? 'RESULTS#' : `${composeKey('RESULTS', kecamatan)}#`;

/** One counter item: a question's tallies in a cell, or (no question) the cell's respondents. */
export const surveyCounterKey = (surveyId: string, cell: SurveyCell, question?: string): TableKey => ({
  PK: composeKey('SURVEY', surveyId),
  SK: composeKey(
    'RESULTS',
    cell.kecamatan,
    cell.sector,
    cell.sizeClass,
    ...(question === undefined ? ['ALL'] : ['Q', question]),
  ),
});

/** A business's answers to a survey: one item per business and survey (`RESPONSE#` is the stored name). */
export const surveyAnswersKey = (businessId: string, surveyId: string): TableKey => ({
  PK: composeKey('BUSINESS', businessId),
  SK: composeKey('RESPONSE', surveyId),
});
export const ANSWERS_PREFIX = 'RESPONSE#';

/** GSI1 keys of a business's answers, under its owner. */
export const surveyAnswersOwnerIndexKey = (
  ownerSub: string,
  record: { surveyId: string; businessId: string },
) => ({
  GSI1PK: ownerBusinessesPartition(ownerSub),
  GSI1SK: composeKey('RESPONSE', record.surveyId, record.businessId),
});

/** GSI1: an owner's answers (next to their businesses); GSI2: a survey's answers (export). */
export const surveyAnswersPartition = (surveyId: string) => composeKey('SURVEY', surveyId, 'RESPONSES');
export const surveyAnswersIndexKeys = (record: {
  ownerSub?: string | undefined;
  surveyId: string;
  businessId: string;
}) => ({
  // Answers given for a business nobody has claimed yet (assisted) join the owner's index on the claim.
  ...(record.ownerSub === undefined ? {} : surveyAnswersOwnerIndexKey(record.ownerSub, record)),
  GSI2PK: surveyAnswersPartition(record.surveyId),
  GSI2SK: record.businessId,
});

/**
 * The owner's declared needs: `needs` is the union over the owner's businesses of the needs each declared
 * in its latest answers (`byBusiness`). Written in the same transaction as the answers that change it;
 * the weekly digest reads `needs`.
 * The weekly digest (functions/digest). Confirmed subscribers carry GSI1 keys in one of DIGEST_SHARDS
 * partitions (a sparse index: written on confirmation, removed on unsubscribe or suppression), so the
 * planner walks them with parallel Queries instead of a Scan. Changing the shard count needs a re-index.
 */
export const DIGEST_SHARDS = 16;

/** The shard of a subscriber: stable, spread evenly (the id is an HMAC, so its bytes are uniform). */
export const digestShardOf = (subscriberId: string): number => {
  let hash = 0;
  for (let index = 0; index < subscriberId.length; index++)
    hash = (hash * 31 + subscriberId.charCodeAt(index)) >>> 0;
  return hash % DIGEST_SHARDS;
};
export const digestShardPartition = (shard: number) => composeKey('DIGEST', shard);
export const digestIndexKey = (subscriberId: string) => ({
  GSI1PK: digestShardPartition(digestShardOf(subscriberId)),
  GSI1SK: subscriberId,
});

/** One partition per digest run (`<ISO week>`, or `<week>-f<n>` for a forced demo run). */
const digestPartition = (runId: string) => composeKey('DIGEST', runId);
export const digestRunKey = (runId: string): TableKey => ({ PK: digestPartition(runId), SK: 'RUN' });
/** GSI2: every run, newest week first (operators' list, and the last digest before this one). */
export const DIGEST_RUNS_PARTITION = 'DIGESTS';
export const digestRunIndexKey = (runId: string) => ({ GSI2PK: DIGEST_RUNS_PARTITION, GSI2SK: runId });
/** The events of a run, gathered once by the planner so every shard and the sender see the same list. */
export const digestEventsKey = (runId: string): TableKey => ({ PK: digestPartition(runId), SK: 'EVENTS' });
export const DIGEST_SHARD_PREFIX = 'SHARD#';
export const digestShardKey = (runId: string, shard: number): TableKey => ({
  PK: digestPartition(runId),
  SK: composeKey('SHARD', String(shard).padStart(2, '0')),
});
/** Rendered mail content, once per distinct content (language, matched events, needs first). */
export const digestContentKey = (runId: string, contentId: string): TableKey => ({
  PK: digestPartition(runId),
  SK: composeKey('CONTENT', contentId),
});
/** The sender's marker for one batch: which recipients are done, and whether the batch is finished. */
export const digestBatchKey = (runId: string, batchId: string): TableKey => ({
  PK: digestPartition(runId),
  SK: composeKey('BATCH', batchId),
});

/**
 * An owner's declared needs, written by the needs surveys (functions/surveys) from the owner's answers:
 * `PK = OWNER#<sub>, SK = NEEDS`, attribute `needs: string[]` (values from NEEDS in events/vocabulary.ts).
 */
export const ownerNeedsKey = (sub: string): TableKey => ({ PK: composeKey('OWNER', sub), SK: 'NEEDS' });
/** The owner sub of a declared-needs item. */
export const ownerOfNeedsItem = (item: { PK: unknown }) => partAfter(String(item.PK), 'OWNER');
