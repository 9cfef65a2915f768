import { findKecamatan } from '../regions/regions.ts';
import type { CounterItem } from './store.ts';
import type { Survey } from './model.ts';
import { SCALE_MAX, SCALE_MIN, type Question, type QuestionKind } from './vocabulary.ts';

/*
 * Results from counter items: the tallies of the matching cells added up, per question, overall and per
 * kecamatan. Labels come from the version now open; questions only earlier versions asked keep their
 * counts under their key.
 */

export interface ResultFilters {
  kecamatan?: string;
  sector?: string;
  sizeClass?: string;
}

type Tallies = Record<string, number>;

function addUp(items: CounterItem[]) {
  const respondents = { value: 0 };
  const byQuestion = new Map<string, { kind: QuestionKind; tallies: Tallies }>();
  for (const item of items) {
    if (item.question === undefined) {
      respondents.value += Number(item.respondents ?? 0);
      continue;
    }
    const entry = byQuestion.get(item.question) ?? { kind: item.kind ?? 'short_text', tallies: {} };
    for (const [name, value] of Object.entries(item)) {
      if (name === 'n' || name === 'sum' || name.startsWith('o:') || name.startsWith('v:'))
        entry.tallies[name] = (entry.tallies[name] ?? 0) + Number(value);
    }
    byQuestion.set(item.question, entry);
  }
  return { respondents: respondents.value, byQuestion };
}

function stats(tallies: Tallies) {
  const values = Object.entries(tallies)
    .filter(([name, count]) => name.startsWith('v:') && count > 0)
    .map(([name]) => Number(name.slice(2)));
  const count = values.length === 0 ? 0 : (tallies.n ?? 0);
  const sum = tallies.sum ?? 0;
  return {
    count,
    sum: count === 0 ? 0 : sum,
    min: count === 0 ? null : Math.min(...values),
    max: count === 0 ? null : Math.max(...values),
    mean: count === 0 ? null : Math.round((sum / count) * 100) / 100,
  };
}

function questionResult(key: string, kind: QuestionKind, tallies: Tallies, question: Question | undefined) {
  const base = { key, kind, label: question?.label ?? null, answered: tallies.n ?? 0 };
  if (kind === 'single_choice' || kind === 'multiple_choice') {
    const listed = question && 'options' in question ? question.options : [];
    const extra = Object.keys(tallies)
      .filter((name) => name.startsWith('o:') && !listed.some((option) => `o:${option.key}` === name))
      .map((name) => ({ key: name.slice(2) }));
    return {
      ...base,
      options: [...listed, ...extra].map((option) => ({ ...option, count: tallies[`o:${option.key}`] ?? 0 })),
    };
  }
  if (kind === 'scale') {
    const options = [];
    for (let value = SCALE_MIN; value <= SCALE_MAX; value++)
      options.push({ value, count: tallies[`v:${value}`] ?? 0 });
    return { ...base, options, stats: stats(tallies) };
  }
  if (kind === 'number') return { ...base, stats: stats(tallies) };
  return base;
}

function summary(items: CounterItem[], questions: Question[]) {
  const { respondents, byQuestion } = addUp(items);
  const known = questions.map((question) => question.key);
  const retired = [...byQuestion.keys()].filter((key) => !known.includes(key)).sort();
  return {
    respondents,
    questions: [...known, ...retired].map((key) => {
      const question = questions.find((candidate) => candidate.key === key);
      const entry = byQuestion.get(key);
      return questionResult(
        key,
        question?.kind ?? entry?.kind ?? 'short_text',
        entry?.tallies ?? {},
        question,
      );
    }),
  };
}

export function surveyResults(survey: Survey, items: CounterItem[], filters: ResultFilters) {
  const matching = items.filter(
    ({ cell }) =>
      (!filters.sector || cell.sector === filters.sector) &&
      (!filters.sizeClass || cell.sizeClass === filters.sizeClass),
  );
  const questions = survey.current?.questions ?? [];
  const kecamatan = [...new Set(matching.map(({ cell }) => cell.kecamatan))].sort();
  return {
    surveyId: survey.id,
    version: survey.current?.version ?? null,
    filters,
    ...summary(matching, questions),
    byKecamatan: kecamatan.map((code) => ({
      kecamatan: code,
      kecamatanName: findKecamatan(code)?.name ?? code,
      ...summary(
        matching.filter(({ cell }) => cell.kecamatan === code),
        questions,
      ),
    })),
  };
}
