/** The surveys' vocabularies and types, without schemas: handlers that only read definitions stay small. */
import type { NEEDS } from '../events/vocabulary.ts';

export { NEEDS } from '../events/vocabulary.ts';
export type Need = (typeof NEEDS)[number];

export const SURVEY_STATUSES = ['draft', 'published', 'closed'] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

export const QUESTION_KINDS = ['single_choice', 'multiple_choice', 'scale', 'number', 'short_text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** A scale question runs from 1 to 5. */
export const SCALE_MIN = 1;
export const SCALE_MAX = 5;

/**
 * Bounds that keep a response's transaction under DynamoDB's 100 items (a changed answer touches each
 * question's counter in two cells) and a number question's value histogram (its exact min and max) small.
 */
export const LIMITS = {
  questions: 40,
  options: 30,
  numberRange: 10_000,
  numberBound: 1_000_000_000,
  textLength: 500,
} as const;

/** A stable key of a question or option: lowercase letters, digits and `_`. */
export const KEY = /^[a-z][a-z0-9_]{0,39}$/;

export interface Label {
  id: string;
  en?: string;
}

export interface Option {
  key: string;
  label: Label;
  need?: Need;
}

/** Shown only when the answer to an earlier choice or scale question is one of `anyOf`. */
export interface VisibleIf {
  question: string;
  anyOf: (string | number)[];
}

interface QuestionBase {
  key: string;
  label: Label;
  help?: Label;
  required?: boolean;
  visibleIf?: VisibleIf;
}

export type Question = QuestionBase &
  (
    | { kind: 'single_choice'; options: Option[] }
    | { kind: 'multiple_choice'; options: Option[]; maxSelections: number }
    | { kind: 'scale'; minLabel?: Label; maxLabel?: Label }
    | { kind: 'number'; min: number; max: number; unit?: string }
    | { kind: 'short_text'; maxLength: number }
  );

export interface Audience {
  kecamatan?: string[];
  sectors?: string[];
  sizeClasses?: string[];
}

/** What an operator writes; published as an immutable version. Times in WIB. */
export interface Definition {
  title: string;
  description?: string;
  audience: Audience;
  opensAt: string;
  closesAt: string;
  questions: Question[];
}

export type AnswerValue = string | string[] | number;
export type Answers = Record<string, AnswerValue>;
