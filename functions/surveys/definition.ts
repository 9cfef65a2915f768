import * as z from 'zod/mini';
import { SIZE_CLASSES } from '../businesses/rules.ts';
import { SECTORS } from '../businesses/vocabulary.ts';
import { isKecamatan } from '../regions/membership.ts';
import { toWib } from '../events/times.ts';
import type { FieldError } from '../shared/problem.ts';
import { freeText } from '../shared/text.ts';
import {
  LIMITS,
  SCALE_MAX,
  SCALE_MIN,
  type Audience,
  type Definition,
  type Question,
  type QuestionKind,
} from './vocabulary.ts';

/*
 * The rules of a survey definition that a schema does not say (the fields each kind of question takes,
 * unique keys, a `visibleIf` that points at an earlier choice or scale question, ranges that make sense),
 * and the small schemas that the definition and the template copy share. The question schemas are in
 * definition-schemas.ts.
 */

export const text = (max: number) => freeText({ max });
/** A date (`2026-12-01`, the whole day in WIB) or a date-time with an offset. */
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
export const when = z.string().check(
  z.refine((value) => (DATE.test(value) || DATE_TIME.test(value)) && !Number.isNaN(Date.parse(value)), {
    error: 'Must be a date (YYYY-MM-DD, WIB) or an ISO 8601 date-time with an offset.',
  }),
);

const kecamatan = z.string().check(z.refine(isKecamatan, { error: 'Must be a Kota Bekasi kecamatan code.' }));
export const AudienceInput = z.strictObject({
  kecamatan: z.optional(z.array(kecamatan).check(z.minLength(1), z.maxLength(12))),
  sectors: z.optional(z.array(z.enum(SECTORS)).check(z.minLength(1), z.maxLength(SECTORS.length))),
  sizeClasses: z.optional(z.array(z.enum(SIZE_CLASSES)).check(z.minLength(1), z.maxLength(3))),
});

const DAY_MS = 24 * 3600 * 1000;

/** An instant in WIB; a bare date opens at the start of that day, or closes at its end (00:00 next day). */
export function wibInstant(value: string, edge: 'start' | 'end'): string {
  if (!DATE.test(value)) return toWib(value);
  const start = Date.parse(`${value}T00:00:00+07:00`);
  return toWib(new Date(edge === 'start' ? start : start + DAY_MS).toISOString());
}

/** A definition as written: a validated request body, or a stored draft with changes applied. */
type DefinitionInput = Omit<Definition, 'audience' | 'description' | 'questions'> & {
  description?: string | undefined;
  audience?: Audience | undefined;
  questions: readonly object[];
};

/** The stored definition: times in WIB, audience present, questions as given (checked by the schema). */
export function toDefinition(input: DefinitionInput): Definition {
  return {
    title: input.title,
    ...(input.description === undefined ? {} : { description: input.description }),
    audience: input.audience ?? {},
    opensAt: wibInstant(input.opensAt, 'start'),
    closesAt: wibInstant(input.closesAt, 'end'),
    questions: input.questions as Question[],
  };
}

const error = (path: string, code: string, message: string): FieldError => ({
  in: 'body',
  path,
  code,
  message,
});

function duplicates(keys: string[]): Set<number> {
  const seen = new Set<string>();
  const repeated = new Set<number>();
  keys.forEach((value, index) => (seen.has(value) ? repeated.add(index) : seen.add(value)));
  return repeated;
}

function visibleIfErrors(question: Question, index: number, earlier: Map<string, Question>): FieldError[] {
  const rule = question.visibleIf;
  if (!rule) return [];
  const path = `questions.${index}.visibleIf`;
  const target = earlier.get(rule.question);
  if (!target)
    return [error(`${path}.question`, 'unknown_question', 'Must be the key of an earlier question.')];
  if (target.kind === 'single_choice' || target.kind === 'multiple_choice') {
    const keys = new Set(target.options.map((option) => option.key));
    return rule.anyOf.flatMap((value, at) =>
      typeof value === 'string' && keys.has(value)
        ? []
        : [error(`${path}.anyOf.${at}`, 'invalid_option', `Must be an option of ${rule.question}.`)],
    );
  }
  if (target.kind === 'scale') {
    return rule.anyOf.flatMap((value, at) =>
      typeof value === 'number' && value >= SCALE_MIN && value <= SCALE_MAX
        ? []
        : [
            error(
              `${path}.anyOf.${at}`,
              'out_of_range',
              `Must be a value from ${SCALE_MIN} to ${SCALE_MAX}.`,
            ),
          ],
    );
  }
  return [error(`${path}.question`, 'invalid_kind', 'Must refer to a choice or scale question.')];
}

/** The fields each kind of question needs, and those it may have (beyond key, label, help, …). */
const KIND_FIELDS: Record<QuestionKind, { needs: string[]; may: string[] }> = {
  single_choice: { needs: ['options'], may: [] },
  multiple_choice: { needs: ['options', 'maxSelections'], may: [] },
  scale: { needs: [], may: ['minLabel', 'maxLabel'] },
  number: { needs: ['min', 'max'], may: ['unit'] },
  short_text: { needs: ['maxLength'], may: [] },
};
const KIND_SPECIFIC = new Set(Object.values(KIND_FIELDS).flatMap(({ needs, may }) => [...needs, ...may]));

function kindErrors(question: Record<string, unknown>, kind: QuestionKind, path: string): FieldError[] {
  const { needs, may } = KIND_FIELDS[kind];
  return [
    ...needs
      .filter((field) => question[field] === undefined)
      .map((field) => error(`${path}.${field}`, 'required', `A ${kind} question needs ${field}.`)),
    ...Object.keys(question)
      .filter(
        (field) =>
          question[field] !== undefined &&
          KIND_SPECIFIC.has(field) &&
          !needs.includes(field) &&
          !may.includes(field),
      )
      .map((field) => error(`${path}.${field}`, 'unrecognized_key', `Not a field of a ${kind} question.`)),
  ];
}

function questionErrors(question: Question, index: number): FieldError[] {
  const path = `questions.${index}`;
  const fieldErrors = kindErrors(question as unknown as Record<string, unknown>, question.kind, path);
  if (fieldErrors.length > 0) return fieldErrors;
  if (question.kind === 'single_choice' || question.kind === 'multiple_choice') {
    const errors = [...duplicates(question.options.map((option) => option.key))].map((at) =>
      error(`${path}.options.${at}.key`, 'duplicate_key', 'Option keys must be unique in a question.'),
    );
    if (question.kind === 'multiple_choice' && question.maxSelections > question.options.length)
      errors.push(error(`${path}.maxSelections`, 'too_big', 'Must be at most the number of options.'));
    return errors;
  }
  if (question.kind === 'number') {
    if (question.max <= question.min) return [error(`${path}.max`, 'too_small', 'Must be greater than min.')];
    if (question.max - question.min > LIMITS.numberRange)
      return [
        error(
          `${path}.max`,
          'too_big',
          `A number question spans at most ${LIMITS.numberRange} values; ask wider ranges as choices.`,
        ),
      ];
  }
  return [];
}

/** Every rule across fields the definition breaks, each at its path. */
export function definitionErrors(definition: Definition): FieldError[] {
  const errors: FieldError[] = [];
  const repeated = duplicates(definition.questions.map((question) => question.key));
  const earlier = new Map<string, Question>();
  definition.questions.forEach((question, index) => {
    if (repeated.has(index))
      errors.push(error(`questions.${index}.key`, 'duplicate_key', 'Question keys must be unique.'));
    const own = questionErrors(question, index);
    errors.push(...own, ...(own.length > 0 ? [] : visibleIfErrors(question, index, earlier)));
    if (!earlier.has(question.key)) earlier.set(question.key, question);
  });
  if (Date.parse(definition.closesAt) <= Date.parse(definition.opensAt))
    errors.push(error('closesAt', 'too_small', 'Must be after opensAt.'));
  return errors;
}

/** Copying a template: when it runs and for whom; the questions come from the template. */
export const TemplateCopy = z.strictObject({
  title: z.optional(text(200)),
  audience: z.optional(AudienceInput),
  opensAt: when,
  closesAt: when,
});
