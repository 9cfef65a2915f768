import * as z from 'zod/mini';
import { SIZE_CLASSES } from '../businesses/rules.ts';
import { SECTORS } from '../businesses/vocabulary.ts';
import { KECAMATAN_CODE } from '../regions/codes.ts';
import { SURVEY_STATUSES } from './vocabulary.ts';

/* The query schemas of the operators' survey routes (definitions: definition-schemas.ts). */

const limit = (max: number) => z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(max)));
const cursor = z.optional(z.string().check(z.maxLength(1000)));

export const ListSurveysQuery = z.strictObject({
  status: z.optional(z.enum(SURVEY_STATUSES)),
  limit: limit(100),
  cursor,
});

export const ResultsQuery = z.strictObject({
  kecamatan: z.optional(z.string().check(z.regex(KECAMATAN_CODE))),
  sector: z.optional(z.enum(SECTORS)),
  sizeClass: z.optional(z.enum(SIZE_CLASSES)),
});

export const ExportQuery = z.strictObject({
  format: z.optional(z.enum(['json', 'csv'])),
  limit: limit(1000),
  cursor,
});
