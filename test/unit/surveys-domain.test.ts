import { describe, expect, it } from 'vitest';
import { asksNeeds, checkAnswers } from '../../functions/surveys/answers.ts';
import { SurveyInput } from '../../functions/surveys/definition-schemas.ts';
import { definitionErrors, toDefinition, wibInstant } from '../../functions/surveys/definition.ts';
import { counterUpdates, type Counted } from '../../functions/surveys/tally.ts';
import { TEMPLATES } from '../../functions/surveys/template.ts';
import { NEEDS, type Question } from '../../functions/surveys/vocabulary.ts';
import { answersFor, surveyInput } from '../helpers/surveys.ts';

const definition = () => toDefinition(SurveyInput.parse(surveyInput()));
const questions = () => definition().questions;
const errorsOf = (answers: Record<string, unknown>) =>
  checkAnswers(questions(), answers).errors.map(({ path, code }) => `${path}:${code}`);
const definitionErrorsOf = (overrides: Record<string, unknown>) => {
  const parsed = SurveyInput.safeParse(surveyInput(overrides));
  if (!parsed.success) return parsed.error.issues.map((issue) => `${issue.path.join('.')}:schema`);
  return definitionErrors(toDefinition(parsed.data)).map(({ path, code }) => `${path}:${code}`);
};
const question = (overrides: Record<string, unknown>) => ({ ...surveyInput().questions[0], ...overrides });

describe('answers checked against a definition', () => {
  it('accepts answers that fit, and reports the needs the chosen options express', () => {
    const checked = checkAnswers(questions(), answersFor({ catatan: '  terima kasih  ' }));
    expect(checked.errors).toEqual([]);
    expect(checked.answers).toEqual({
      butuh: ['gerai', 'pelatihan'],
      topik: 'digital',
      urgensi: 4,
      pekerja: 3,
      catatan: 'terima kasih',
    });
    expect(checked.needs).toEqual(['gerai', 'pelatihan']);
    expect(checked.kinds).toMatchObject({
      butuh: 'multiple_choice',
      urgensi: 'scale',
      catatan: 'short_text',
    });
  });

  it('names each bad answer at its question path, once', () => {
    expect(
      errorsOf({
        butuh: ['gerai', 'pasar', 'pelatihan'],
        topik: 'digital',
        urgensi: 6,
        pekerja: 2.5,
        catatan: 'x'.repeat(51),
        asal: 'Bekasi',
      }),
    ).toEqual([
      'answers.asal:unknown_question',
      'answers.butuh:too_many_selections',
      'answers.urgensi:out_of_range',
      'answers.pekerja:invalid_type',
      'answers.catatan:too_long',
    ]);
  });

  it.each([
    [{ butuh: 'gerai' }, 'answers.butuh:invalid_type'],
    [{ butuh: ['modal'] }, 'answers.butuh:invalid_option'],
    [{ butuh: ['gerai', 'gerai'] }, 'answers.butuh:duplicate_option'],
    [{ topik: 'memasak' }, 'answers.topik:invalid_option'],
    [{ topik: ['digital'] }, 'answers.topik:invalid_type'],
    [{ urgensi: '4' }, 'answers.urgensi:invalid_type'],
    [{ urgensi: 0 }, 'answers.urgensi:out_of_range'],
    [{ pekerja: 501 }, 'answers.pekerja:out_of_range'],
    [{ pekerja: -1 }, 'answers.pekerja:out_of_range'],
    [{ catatan: 12 }, 'answers.catatan:invalid_type'],
    [{ urgensi: null }, 'answers.urgensi:required'],
  ])('rejects %j', (change, expected) => {
    expect(errorsOf(answersFor(change))).toEqual([expected]);
  });

  it('asks a visibleIf question only when its condition holds', () => {
    // Training chosen: the topic is required.
    expect(errorsOf(answersFor({ topik: undefined }))).toEqual(['answers.topik:required']);
    // Not chosen: the topic is hidden, so not required, and an answer to it is refused.
    expect(errorsOf(answersFor({ butuh: ['gerai'], topik: undefined }))).toEqual([]);
    expect(errorsOf(answersFor({ butuh: ['gerai'] }))).toEqual(['answers.topik:not_visible']);
    // The condition's own answer is wrong: no cascade of errors on the question that depends on it.
    expect(errorsOf(answersFor({ butuh: ['modal'], topik: undefined }))).toEqual([
      'answers.butuh:invalid_option',
    ]);
  });

  it('follows visibleIf on a scale question, and a chain of conditions', () => {
    const chain = [
      { key: 'skala', kind: 'scale', label: { id: 'S' }, required: true },
      {
        key: 'alasan',
        kind: 'short_text',
        label: { id: 'A' },
        maxLength: 20,
        required: true,
        visibleIf: { question: 'skala', anyOf: [1, 2] },
      },
      {
        key: 'pilih',
        kind: 'single_choice',
        label: { id: 'P' },
        options: [
          { key: 'a', label: { id: 'a' } },
          { key: 'b', label: { id: 'b' } },
        ],
        visibleIf: { question: 'skala', anyOf: [1] },
      },
    ] as Question[];
    expect(checkAnswers(chain, { skala: 2 }).errors.map((error) => error.path)).toEqual(['answers.alasan']);
    expect(checkAnswers(chain, { skala: 5, alasan: 'x' }).errors.map((error) => error.code)).toEqual([
      'not_visible',
    ]);
    expect(checkAnswers(chain, { skala: 1, alasan: 'mahal', pilih: 'a' }).errors).toEqual([]);
  });

  it('treats empty answers as not given', () => {
    expect(errorsOf(answersFor({ pekerja: null, catatan: '   ' }))).toEqual([]);
    expect(errorsOf(answersFor({ butuh: [], topik: undefined }))).toEqual(['answers.butuh:required']);
  });

  it('knows whether a version asks about needs', () => {
    expect(asksNeeds(questions())).toBe(true);
    expect(asksNeeds(questions().filter((q) => q.key !== 'butuh'))).toBe(false);
  });
});

describe('survey definitions', () => {
  it('accepts the shipped Kebutuhan UMKM template', () => {
    const template = TEMPLATES['kebutuhan-umkm'];
    const parsed = SurveyInput.parse({ ...template, opensAt: '2026-12-01', closesAt: '2026-12-31' });
    expect(definitionErrors(toDefinition(parsed))).toEqual([]);
    const needs = template.questions.flatMap((q) => ('options' in q ? q.options.map((o) => o.need) : []));
    expect(needs.filter(Boolean)).toEqual([...NEEDS]);
  });

  it('rejects an unknown kind, and fields that do not belong to the kind', () => {
    expect(definitionErrorsOf({ questions: [question({ kind: 'matrix' })] })).toEqual([
      'questions.0.kind:schema',
    ]);
    expect(
      definitionErrorsOf({ questions: [question({ kind: 'scale', maxSelections: undefined })] }),
    ).toEqual(['questions.0.options:unrecognized_key']);
    expect(
      definitionErrorsOf({ questions: [{ key: 'n', kind: 'number', label: { id: 'N' }, min: 1 }] }),
    ).toEqual(['questions.0.max:required']);
  });

  it('rejects duplicate question and option keys', () => {
    const base = surveyInput().questions;
    expect(definitionErrorsOf({ questions: [...base, { ...base[2], label: { id: 'lagi' } }] })).toEqual([
      'questions.5.key:duplicate_key',
    ]);
    const options = [
      { key: 'a', label: { id: 'A' } },
      { key: 'a', label: { id: 'B' } },
    ];
    expect(definitionErrorsOf({ questions: [question({ options, maxSelections: 1 })] })).toEqual([
      'questions.0.options.1.key:duplicate_key',
    ]);
  });

  it('rejects visibleIf pointing at an unknown, later or non-choice question, or at unknown options', () => {
    const [butuh, topik, urgensi, pekerja] = surveyInput().questions;
    expect(
      definitionErrorsOf({ questions: [butuh, { ...topik, visibleIf: { question: 'nope', anyOf: ['x'] } }] }),
    ).toEqual(['questions.1.visibleIf.question:unknown_question']);
    expect(definitionErrorsOf({ questions: [topik, butuh] })).toEqual([
      'questions.0.visibleIf.question:unknown_question',
    ]);
    expect(
      definitionErrorsOf({
        questions: [pekerja, { ...topik, visibleIf: { question: 'pekerja', anyOf: [3] } }],
      }),
    ).toEqual(['questions.1.visibleIf.question:invalid_kind']);
    expect(
      definitionErrorsOf({
        questions: [butuh, { ...topik, visibleIf: { question: 'butuh', anyOf: ['modal'] } }],
      }),
    ).toEqual(['questions.1.visibleIf.anyOf.0:invalid_option']);
    expect(
      definitionErrorsOf({
        questions: [urgensi, { ...topik, visibleIf: { question: 'urgensi', anyOf: [7] } }],
      }),
    ).toEqual(['questions.1.visibleIf.anyOf.0:out_of_range']);
  });

  it('rejects ranges that make no sense', () => {
    const number = { key: 'n', kind: 'number', label: { id: 'N' } };
    expect(definitionErrorsOf({ questions: [{ ...number, min: 5, max: 5 }] })).toEqual([
      'questions.0.max:too_small',
    ]);
    expect(definitionErrorsOf({ questions: [{ ...number, min: 0, max: 20_000 }] })).toEqual([
      'questions.0.max:too_big',
    ]);
    expect(definitionErrorsOf({ questions: [question({ maxSelections: 4 })] })).toEqual([
      'questions.0.maxSelections:too_big',
    ]);
    expect(definitionErrorsOf({ opensAt: '2026-12-10', closesAt: '2026-12-01' })).toEqual([
      'closesAt:too_small',
    ]);
  });

  it('reads a bare date as the whole day in WIB', () => {
    expect(wibInstant('2026-12-01', 'start')).toBe('2026-12-01T00:00:00+07:00');
    expect(wibInstant('2026-12-31', 'end')).toBe('2027-01-01T00:00:00+07:00');
    expect(wibInstant('2026-12-01T02:00:00Z', 'start')).toBe('2026-12-01T09:00:00+07:00');
  });
});

describe('survey counters', () => {
  const cell = { kecamatan: '32.75.01', sector: 'kuliner', sizeClass: 'mikro' };
  const kinds = { butuh: 'multiple_choice', urgensi: 'scale', catatan: 'short_text' } as const;
  const response = (answers: Counted['answers'], where = cell): Counted => ({ cell: where, answers, kinds });
  const deltas = (items: ReturnType<typeof counterUpdates>) =>
    Object.fromEntries(
      items.map(({ Update }) => [
        Update.Key.SK,
        Object.fromEntries(
          Object.entries(Update.ExpressionAttributeNames)
            .filter(([placeholder]) => placeholder.startsWith('#a'))
            .map(([placeholder, name]) => [
              name,
              Update.ExpressionAttributeValues[`:${placeholder.slice(1)}`],
            ]),
        ),
      ]),
    );

  it('adds a new answer to its cell', () => {
    expect(
      deltas(counterUpdates('S', undefined, response({ butuh: ['gerai'], urgensi: 4, catatan: 'ok' }))),
    ).toEqual({
      'RESULTS#32.75.01#kuliner#mikro#ALL': { respondents: 1 },
      'RESULTS#32.75.01#kuliner#mikro#Q#butuh': { n: 1, 'o:gerai': 1 },
      'RESULTS#32.75.01#kuliner#mikro#Q#urgensi': { n: 1, sum: 4, 'v:4': 1 },
      'RESULTS#32.75.01#kuliner#mikro#Q#catatan': { n: 1 },
    });
  });

  it('moves only what a changed answer changes, and writes nothing for the same answer', () => {
    const before = response({ butuh: ['gerai', 'pasar'], urgensi: 4 });
    expect(deltas(counterUpdates('S', before, response({ butuh: ['gerai'], urgensi: 2 })))).toEqual({
      'RESULTS#32.75.01#kuliner#mikro#Q#butuh': { 'o:pasar': -1 },
      'RESULTS#32.75.01#kuliner#mikro#Q#urgensi': { sum: -2, 'v:4': -1, 'v:2': 1 },
    });
    expect(counterUpdates('S', before, before)).toEqual([]);
  });

  it('takes a whole response out of its cell on erasure', () => {
    const gone = deltas(counterUpdates('S', response({ butuh: ['gerai'] }), undefined));
    expect(gone).toEqual({
      'RESULTS#32.75.01#kuliner#mikro#ALL': { respondents: -1 },
      'RESULTS#32.75.01#kuliner#mikro#Q#butuh': { n: -1, 'o:gerai': -1 },
    });
  });
});
