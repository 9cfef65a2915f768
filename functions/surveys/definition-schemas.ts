import * as z from 'zod/mini';
import { AudienceInput, text, when } from './definition.ts';
import { freeText } from '../shared/text.ts';
import { KEY, LIMITS, NEEDS, QUESTION_KINDS } from './vocabulary.ts';

/*
 * Request schemas of a survey definition (create, edit). A question is one object whose `kind` says
 * which of the kind-specific fields it takes; `definitionErrors` (definition.ts) checks that, and the
 * rules across questions, in code: a union schema per kind cost 8 KB in each of these bundles.
 */

const key = z.string().check(z.regex(KEY, { error: 'Must be a key: a–z first, then a–z, 0–9 or _ (≤ 40).' }));
const Label = z.strictObject({ id: text(300), en: z.optional(text(300)) });
const Option = z.strictObject({ key, label: Label, need: z.optional(z.enum(NEEDS)) });
const options = z.array(Option).check(z.minLength(2), z.maxLength(LIMITS.options));
const bound = z.int().check(z.minimum(-LIMITS.numberBound), z.maximum(LIMITS.numberBound));

const QuestionInput = z.strictObject({
  key,
  kind: z.enum(QUESTION_KINDS),
  label: Label,
  help: z.optional(Label),
  required: z.optional(z.boolean()),
  visibleIf: z.optional(
    z.strictObject({
      question: key,
      // Option keys of a choice question or values of a scale: checked against it in definitionErrors.
      anyOf: z.array(z.unknown()).check(z.minLength(1), z.maxLength(LIMITS.options)),
    }),
  ),
  options: z.optional(options),
  maxSelections: z.optional(z.int().check(z.minimum(1), z.maximum(LIMITS.options))),
  minLabel: z.optional(Label),
  maxLabel: z.optional(Label),
  min: z.optional(bound),
  max: z.optional(bound),
  unit: z.optional(text(40)),
  maxLength: z.optional(z.int().check(z.minimum(1), z.maximum(LIMITS.textLength))),
});

const definitionFields = {
  title: text(200),
  description: z.optional(freeText({ max: 2000, multiline: true })),
  audience: z.optional(AudienceInput),
  opensAt: when,
  closesAt: when,
  questions: z.array(QuestionInput).check(z.minLength(1), z.maxLength(LIMITS.questions)),
};

export const SurveyInput = z.strictObject(definitionFields);
/** Each field sent replaces its value (written out: `z.partial` cost 1 KB in the bundle). */
export const SurveyPatch = z.strictObject({
  title: z.optional(definitionFields.title),
  description: definitionFields.description,
  audience: definitionFields.audience,
  opensAt: z.optional(when),
  closesAt: z.optional(when),
  questions: z.optional(definitionFields.questions),
});
export type SurveyInput = z.output<typeof SurveyInput>;
export type SurveyPatch = z.output<typeof SurveyPatch>;
