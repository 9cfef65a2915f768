import * as z from 'zod/mini';
import { pageQuery } from '../shared/paging.ts';
import { SIZE_CLASSES } from '../businesses/rules.ts';
import { SECTORS } from '../businesses/vocabulary.ts';
import { KECAMATAN_CODE } from '../regions/codes.ts';
import { SURVEY_STATUSES } from './vocabulary.ts';

/* The query schemas of the operators' survey routes (definitions: definition-schemas.ts). */

export const ListSurveysQuery = z.strictObject({
  status: z.optional(z.enum(SURVEY_STATUSES)),
  ...pageQuery,
});

export const ResultsQuery = z.strictObject({
  kecamatan: z.optional(z.string().check(z.regex(KECAMATAN_CODE))),
  sector: z.optional(z.enum(SECTORS)),
  sizeClass: z.optional(z.enum(SIZE_CLASSES)),
});

export const ExportQuery = z.strictObject({
  format: z.optional(z.enum(['json', 'csv'])),
  ...pageQuery,
});
