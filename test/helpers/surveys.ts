import type { RequestBody } from './client.ts';

export type SurveyInput = RequestBody<'createSurvey'>;

/**
 * A valid survey body for POST /surveys: open from yesterday for `days` days, every question kind
 * (checked against the document's schema by the compiler; the result's type says if overrides still fit).
 */
export function surveyInput(): SurveyInput;
export function surveyInput<Overrides extends object>(
  overrides: Overrides,
  days?: number,
): Omit<SurveyInput, keyof Overrides> & Overrides;
export function surveyInput(overrides: object = {}, days = 30) {
  const now = Date.now();
  const valid: SurveyInput = {
    title: 'Survei Kebutuhan Uji',
    opensAt: new Date(now - 86_400_000).toISOString(),
    closesAt: new Date(now + days * 86_400_000).toISOString(),
    questions: [
      {
        key: 'butuh',
        kind: 'multiple_choice',
        label: { id: 'Kebutuhan prioritas', en: 'Priority needs' },
        required: true,
        maxSelections: 2,
        options: [
          { key: 'gerai', label: { id: 'Gerai' }, need: 'gerai' },
          { key: 'pelatihan', label: { id: 'Pelatihan' }, need: 'pelatihan' },
          { key: 'pasar', label: { id: 'Pasar' }, need: 'pasar' },
        ],
      },
      {
        key: 'topik',
        kind: 'single_choice',
        label: { id: 'Topik pelatihan' },
        required: true,
        visibleIf: { question: 'butuh', anyOf: ['pelatihan'] },
        options: [
          { key: 'digital', label: { id: 'Digital' } },
          { key: 'keuangan', label: { id: 'Keuangan' } },
        ],
      },
      { key: 'urgensi', kind: 'scale', label: { id: 'Urgensi' }, required: true },
      { key: 'pekerja', kind: 'number', label: { id: 'Pekerja' }, min: 0, max: 500 },
      { key: 'catatan', kind: 'short_text', label: { id: 'Catatan' }, maxLength: 50 },
    ],
  };
  return { ...valid, ...overrides };
}

/** Answers that fit `surveyInput()`. */
export function answersFor(overrides: Record<string, unknown> = {}) {
  return { butuh: ['gerai', 'pelatihan'], topik: 'digital', urgensi: 4, pekerja: 3, ...overrides };
}
