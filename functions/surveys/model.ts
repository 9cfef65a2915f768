import type { Definition, SurveyStatus } from './vocabulary.ts';

/*
 * A survey as stored (the head item): its published version, its draft of the next one, and the
 * transitions between them. Pure functions, so that the local seed and the tests use them as they are.
 */

export interface Version extends Definition {
  version: number;
}

export interface PublishedVersion extends Version {
  publishedAt: string;
}

export interface Survey {
  id: string;
  status: SurveyStatus;
  /** Counts every change of the head item: the ETag. */
  revision: number;
  /** The version owners answer (absent until the first publication). */
  current?: PublishedVersion;
  /** The next version, editable until it is published. */
  draft?: Version;
  /** Every question key of every published version, in first-seen order: the export's columns. */
  questionKeys: string[];
  template?: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  closedAt?: string;
}

export function newSurvey(
  id: string,
  definition: Definition,
  by: string,
  now: string,
  template?: string,
): Survey {
  return {
    id,
    status: 'draft',
    revision: 1,
    draft: { ...definition, version: 1 },
    questionKeys: [],
    ...(template ? { template } : {}),
    createdBy: by,
    createdAt: now,
    updatedAt: now,
  };
}

const revised = (survey: Survey, changes: Partial<Survey>, now: string): Survey => ({
  ...survey,
  ...changes,
  revision: survey.revision + 1,
  updatedAt: now,
});

export function withDraft(survey: Survey, draft: Version, now: string): Survey {
  return revised(survey, { draft }, now);
}

/** The draft becomes the version owners answer; answers to earlier versions keep their version. */
export function published(survey: Survey, now: string): Survey {
  const { draft, ...rest } = survey;
  if (!draft) return survey;
  const keys = [...survey.questionKeys];
  for (const { key } of draft.questions) if (!keys.includes(key)) keys.push(key);
  return revised(
    rest,
    { status: 'published', current: { ...draft, publishedAt: now }, questionKeys: keys },
    now,
  );
}

export function closed(survey: Survey, now: string): Survey {
  const { draft: _discarded, ...rest } = survey;
  return revised(rest, { status: 'closed', closedAt: now }, now);
}

/** A draft of the next version, starting from the published one. */
export function nextDraft(survey: Survey, now: string): Survey {
  const { publishedAt: _at, version, ...definition } = survey.current as PublishedVersion;
  return withDraft(survey, { ...definition, version: version + 1 }, now);
}

/** Open for answers at `now`: published, and now within [opensAt, closesAt). */
export function openState(survey: Survey, now: number): 'open' | 'closed' | 'not_yet_open' {
  const current = survey.current;
  if (survey.status !== 'published' || !current) return 'closed';
  if (now < Date.parse(current.opensAt)) return 'not_yet_open';
  return now < Date.parse(current.closesAt) ? 'open' : 'closed';
}

/** Whether a survey's audience takes in a business. */
export function inAudience(
  audience: Definition['audience'],
  business: { kecamatan: string; sector: string; sizeClass: string },
): boolean {
  return (
    (!audience.kecamatan || audience.kecamatan.includes(business.kecamatan)) &&
    (!audience.sectors || audience.sectors.includes(business.sector)) &&
    (!audience.sizeClasses || audience.sizeClasses.includes(business.sizeClass))
  );
}

/** A row of the operators' list. */
export function surveySummary(survey: Survey) {
  const shown = survey.current ?? survey.draft;
  return {
    id: survey.id,
    status: survey.status,
    title: shown?.title ?? '',
    version: survey.current?.version ?? null,
    hasDraft: survey.draft !== undefined,
    opensAt: shown?.opensAt ?? null,
    closesAt: shown?.closesAt ?? null,
    createdAt: survey.createdAt,
    updatedAt: survey.updatedAt,
  };
}

/** What an owner sees of an open survey: the version to answer. */
export function openSurveyView(survey: Survey) {
  const { audience: _audience, ...version } = survey.current as PublishedVersion;
  return { id: survey.id, ...version };
}
