import * as z from 'zod/mini';
import { Page } from '../shared/paging.ts';
import { SIZE_CLASSES } from '../businesses/rules.ts';
import { businessResponses } from '../businesses/openapi.ts';
import { SECTORS } from '../businesses/vocabulary.ts';
import { NEEDS, QUESTION_KINDS, SURVEY_STATUSES } from './vocabulary.ts';

/*
 * Response shapes of the survey routes, for the OpenAPI document only: `functions/routes.ts` attaches
 * them to the rows, so that no handler bundle carries them.
 */

const Label = z.object({ id: z.string(), en: z.optional(z.string()) });
const Question = z.object({
  key: z.string(),
  kind: z.enum(QUESTION_KINDS),
  label: Label,
  help: z.optional(Label),
  required: z.optional(z.boolean()),
  visibleIf: z.optional(z.object({ question: z.string(), anyOf: z.array(z.union([z.string(), z.int()])) })),
  options: z.optional(z.array(z.object({ key: z.string(), label: Label, need: z.optional(z.enum(NEEDS)) }))),
  maxSelections: z.optional(z.int()),
  minLabel: z.optional(Label),
  maxLabel: z.optional(Label),
  min: z.optional(z.int()),
  max: z.optional(z.int()),
  unit: z.optional(z.string()),
  maxLength: z.optional(z.int()),
});
const Audience = z.object({
  kecamatan: z.optional(z.array(z.string())),
  sectors: z.optional(z.array(z.enum(SECTORS))),
  sizeClasses: z.optional(z.array(z.enum(SIZE_CLASSES))),
});
const definition = {
  version: z.int(),
  title: z.string(),
  description: z.optional(z.string()),
  opensAt: z.string(),
  closesAt: z.string(),
  questions: z.array(Question),
};
const Version = z.object({ ...definition, audience: Audience });

const SurveyView = z.object({
  id: z.string(),
  status: z.enum(SURVEY_STATUSES),
  revision: z.int(),
  current: z.optional(z.extend(Version, { publishedAt: z.string() })),
  draft: z.optional(Version),
  questionKeys: z.array(z.string()),
  template: z.optional(z.string()),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.optional(z.string()),
});

const Answer = z.union([z.string(), z.array(z.string()), z.int()]);
const Cell = z.object({ kecamatan: z.string(), sector: z.enum(SECTORS), sizeClass: z.enum(SIZE_CLASSES) });
const ResponseView = z.object({
  businessId: z.string(),
  surveyId: z.string(),
  version: z.int(),
  answers: z.record(z.string(), Answer),
  needs: z.optional(z.array(z.enum(NEEDS))),
  cell: Cell,
  /** Present when an operator answered for a business nobody had claimed (field officers). */
  assisted: z.optional(z.object({ by: z.string(), at: z.string() })),
  revision: z.int(),
  answeredAt: z.string(),
  updatedAt: z.string(),
});

const Stats = z.object({
  count: z.int(),
  sum: z.number(),
  min: z.nullable(z.number()),
  max: z.nullable(z.number()),
  mean: z.nullable(z.number()),
});
const Summary = {
  respondents: z.int(),
  questions: z.array(
    z.object({
      key: z.string(),
      kind: z.enum(QUESTION_KINDS),
      label: z.nullable(Label),
      answered: z.int(),
      options: z.optional(
        z.array(
          z.object({
            key: z.optional(z.string()),
            value: z.optional(z.int()),
            label: z.optional(Label),
            need: z.optional(z.enum(NEEDS)),
            count: z.int(),
          }),
        ),
      ),
      stats: z.optional(Stats),
    }),
  ),
};

/** Response schema per route id. */
export const surveyResponses = {
  createSurvey: SurveyView,
  copySurveyTemplate: SurveyView,
  getSurvey: SurveyView,
  updateSurvey: SurveyView,
  publishSurvey: SurveyView,
  closeSurvey: SurveyView,
  startSurveyVersion: SurveyView,
  listSurveys: Page(
    z.object({
      id: z.string(),
      status: z.enum(SURVEY_STATUSES),
      title: z.string(),
      version: z.nullable(z.int()),
      hasDraft: z.boolean(),
      opensAt: z.nullable(z.string()),
      closesAt: z.nullable(z.string()),
      createdAt: z.string(),
      updatedAt: z.string(),
    }),
  ),
  listSurveyTemplates: z.object({
    items: z.array(
      z.object({ key: z.string(), title: z.string(), description: z.string(), questions: z.array(Question) }),
    ),
  }),
  openSurveys: z.object({
    businessId: z.string(),
    items: z.array(
      z.object({
        id: z.string(),
        ...definition,
        publishedAt: z.string(),
        response: z.nullable(z.object({ version: z.int(), updatedAt: z.string() })),
      }),
    ),
  }),
  putSurveyResponse: ResponseView,
  getSurveyResponse: ResponseView,
  surveyResults: z.object({
    surveyId: z.string(),
    version: z.nullable(z.int()),
    filters: z.object({
      kecamatan: z.optional(z.string()),
      sector: z.optional(z.string()),
      sizeClass: z.optional(z.string()),
    }),
    ...Summary,
    byKecamatan: z.array(z.object({ kecamatan: z.string(), kecamatanName: z.string(), ...Summary })),
  }),
  exportSurveyResponses: Page(
    z.object({
      businessId: z.string(),
      kecamatan: z.string(),
      sector: z.enum(SECTORS),
      sizeClass: z.enum(SIZE_CLASSES),
      version: z.int(),
      answeredAt: z.string(),
      updatedAt: z.string(),
      answers: z.record(z.string(), Answer),
    }),
  ),
  getMyData: z.extend(businessResponses.getMyData, {
    surveyResponses: z.array(ResponseView),
    declaredNeeds: z.nullable(
      z.object({ needs: z.array(z.enum(NEEDS)), byBusiness: z.record(z.string(), z.array(z.enum(NEEDS))) }),
    ),
  }),
};
