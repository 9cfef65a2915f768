import { bodyFieldError, type FieldError } from '../shared/problem.ts';
import { cleanText, textProblem } from '../shared/text.ts';
import {
  SCALE_MAX,
  SCALE_MIN,
  type AnswerValue,
  type Answers,
  type Need,
  type Question,
  type QuestionKind,
} from './vocabulary.ts';

/*
 * An owner's answers checked against the exact version answered: code walking the stored definition, not
 * a schema built per request. One error per question path (`answers.<key>`).
 */

export interface CheckedAnswers {
  answers: Answers;
  /** The kind of each answered question (stored with the response, for its counters). */
  kinds: Record<string, QuestionKind>;
  /** The needs the chosen options express (each once). */
  needs: Need[];
  errors: FieldError[];
}

type Verdict = { value: AnswerValue } | { code: string; message: string } | { absent: true };

const fail = (code: string, message: string): Verdict => ({ code, message });

/** Empty answers (null, '', []) count as not given, so that an owner can clear an optional question. */
const isEmpty = (value: unknown) =>
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

function checkValue(question: Question, value: unknown): Verdict {
  if (value === undefined || isEmpty(value)) return { absent: true };
  switch (question.kind) {
    case 'single_choice': {
      if (typeof value !== 'string') return fail('invalid_type', 'Expected one option key.');
      return question.options.some((option) => option.key === value)
        ? { value }
        : fail('invalid_option', 'Not an option of this question.');
    }
    case 'multiple_choice': {
      if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
        return fail('invalid_type', 'Expected a list of option keys.');
      const keys = value;
      if (new Set(keys).size !== keys.length) return fail('duplicate_option', 'An option is chosen twice.');
      if (!keys.every((key) => question.options.some((option) => option.key === key)))
        return fail('invalid_option', 'Not an option of this question.');
      if (keys.length > question.maxSelections)
        return fail('too_many_selections', `Choose at most ${question.maxSelections}.`);
      return { value: keys };
    }
    case 'scale':
    case 'number': {
      const [min, max] = question.kind === 'scale' ? [SCALE_MIN, SCALE_MAX] : [question.min, question.max];
      if (typeof value !== 'number' || !Number.isInteger(value))
        return fail('invalid_type', 'Expected a whole number.');
      return value < min || value > max ? fail('out_of_range', `Must be from ${min} to ${max}.`) : { value };
    }
    case 'short_text': {
      if (typeof value !== 'string') return fail('invalid_type', 'Expected text.');
      const text = cleanText(value);
      const problem = textProblem(text);
      if (problem) return fail('invalid_text', problem);
      return text.length > question.maxLength
        ? fail('too_long', `Must be at most ${question.maxLength} characters.`)
        : { value: text };
    }
  }
}

/** Whether the answer to a `visibleIf` question matches; undefined when that answer is itself in error. */
function isVisible(question: Question, accepted: Answers, visible: Map<string, boolean | undefined>) {
  const rule = question.visibleIf;
  if (!rule) return true;
  const shown = visible.get(rule.question);
  if (shown !== true) return shown;
  const answer = accepted[rule.question];
  if (answer === undefined) return false;
  const given = Array.isArray(answer) ? answer : [answer];
  return given.some((value) => rule.anyOf.includes(value));
}

export function checkAnswers(questions: Question[], raw: Record<string, unknown>): CheckedAnswers {
  const errors: FieldError[] = [];
  const error = (key: string, code: string, message: string) =>
    errors.push(bodyFieldError(`answers.${key}`, code, message));
  const known = new Map(questions.map((question) => [question.key, question]));
  for (const key of Object.keys(raw))
    if (!known.has(key)) error(key, 'unknown_question', 'Not a question of this survey.');

  const answers: Answers = {};
  const kinds: Record<string, QuestionKind> = {};
  const needs = new Set<Need>();
  /** Per question: shown (true), hidden (false), or unknown because the answer it depends on is wrong. */
  const visible = new Map<string, boolean | undefined>();
  for (const question of questions) {
    const shown = isVisible(question, answers, visible);
    const verdict = checkValue(question, Object.hasOwn(raw, question.key) ? raw[question.key] : undefined);
    if ('code' in verdict) {
      error(question.key, verdict.code, verdict.message);
      visible.set(question.key, undefined);
      continue;
    }
    visible.set(question.key, shown);
    if ('absent' in verdict) {
      if (shown === true && question.required)
        error(question.key, 'required', 'This question needs an answer.');
      continue;
    }
    if (shown === false) {
      error(question.key, 'not_visible', 'This question is not shown for the answers given.');
      continue;
    }
    answers[question.key] = verdict.value;
    kinds[question.key] = question.kind;
    if (question.kind === 'single_choice' || question.kind === 'multiple_choice') {
      const chosen = Array.isArray(verdict.value) ? verdict.value : [verdict.value];
      for (const option of question.options)
        if (option.need && chosen.includes(option.key)) needs.add(option.need);
    }
  }
  return { answers, kinds, needs: [...needs], errors };
}

/** Whether a version asks about needs at all (only then do its answers change a business's needs). */
export const asksNeeds = (questions: Question[]) =>
  questions.some(
    (question) =>
      (question.kind === 'single_choice' || question.kind === 'multiple_choice') &&
      question.options.some((option) => option.need !== undefined),
  );
