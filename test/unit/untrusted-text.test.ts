import fc from 'fast-check';
import type * as z from 'zod/mini';
import { describe, expect, it } from 'vitest';
import { RegisterBusiness, UpdateBusiness } from '../../functions/businesses/registration-schemas.ts';
import { Verification } from '../../functions/businesses/schemas.ts';
import { CancelBody, EventInput, EventPatch } from '../../functions/events/schemas.ts';
import { PreferencesForm } from '../../functions/pages/subscription-schemas.ts';
import { freeText, personName } from '../../functions/shared/text.ts';
import { toFieldErrors } from '../../functions/shared/validation.ts';
import { PreferencesBody, SubscribeBody } from '../../functions/subscriptions/schemas.ts';
import { checkAnswers } from '../../functions/surveys/answers.ts';
import { SurveyInput, SurveyPatch } from '../../functions/surveys/definition-schemas.ts';
import type { Question } from '../../functions/surveys/vocabulary.ts';
import { registration } from '../helpers/businesses.ts';
import { eventInput } from '../helpers/events.ts';
import { surveyInput } from '../helpers/surveys.ts';

/** Text no free-text field may take: each hides, reorders, breaks or is nothing at all. */
const BROKEN: Record<string, string> = {
  'lone surrogate': 'Budi \uD800 Santoso',
  NUL: 'Budi\u0000Santoso',
  'C1 control': 'Budi\u0085Santoso',
  'bare CR': 'Budi\rSantoso',
  'right-to-left override': 'Budi \u202Eosotnas',
  'left-to-right isolate': 'Budi \u2066Santoso\u2069',
  'zero-width only': '\u200B\u200C\u200D\u2060',
  'invisible filler only': '\u3164\u115F \u00AD',
  'combining marks only': '\u0301\u0301\u0301',
};

/** A URL a person might paste with a line break or a control inside: WHATWG parsing would hide it. */
const BROKEN_URLS: Record<string, string> = {
  'line feed': 'https://daftar.example.id/a\nATTACH:https://evil.example/x',
  'CR LF': 'https://daftar.example.id/a\r\nX-EVIL:1',
  tab: 'https://daftar.example.id/\ta',
  space: 'https://daftar.example.id/a b',
  NUL: 'https://daftar.example.id/\u0000',
  'bidi override': 'https://daftar.example.id/\u202Efdp.exe',
};

const setAt = (value: unknown, path: readonly (string | number)[], leaf: unknown): unknown => {
  if (path.length === 0) return leaf;
  const [head, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<
    string | number,
    unknown
  >;
  copy[head] = setAt(copy[head], rest, leaf);
  return copy;
};

const errorPaths = (schema: z.ZodMiniType, input: unknown) => {
  const result = schema.safeParse(input);
  return result.success ? [] : toFieldErrors('body', result.error.issues).map((error) => error.path);
};

/** Every free-text field of every request schema, with a valid body it sits in. */
const FIELDS: { schema: string; parse: z.ZodMiniType; valid: unknown; paths: (string | number)[][] }[] = [
  {
    schema: 'POST /events',
    parse: EventInput,
    valid: eventInput({
      eligibility: 'UMKM kuliner',
      contact: { name: 'Panitia' },
      tags: ['kuliner'],
      venue: {
        name: 'Gedung Juang',
        address: 'Jl. Sudirman No. 1',
        kecamatan: '32.75.01',
      },
    }),
    paths: [
      ['title'],
      ['description'],
      ['organiser'],
      ['eligibility'],
      ['contact', 'name'],
      ['tags', 0],
      ['venue', 'name'],
      ['venue', 'address'],
    ],
  },
  { schema: 'PATCH /events/{id}', parse: EventPatch, valid: {}, paths: [['title'], ['description']] },
  { schema: 'POST /events/{id}/cancellation', parse: CancelBody, valid: {}, paths: [['reason']] },
  { schema: 'POST /subscriptions', parse: SubscribeBody, valid: { email: 'a@b.id' }, paths: [['name']] },
  {
    schema: 'PUT /subscriptions/preferences',
    parse: PreferencesBody,
    valid: { language: 'id' },
    paths: [['name']],
  },
  {
    schema: 'POST /langganan/preferensi (form)',
    parse: PreferencesForm,
    valid: { token: 'x'.repeat(20), language: 'id' },
    paths: [['name']],
  },
  {
    schema: 'POST /businesses',
    parse: RegisterBusiness,
    valid: registration(),
    paths: [
      ['name'],
      ['owner', 'fullName'],
      ['owner', 'address', 'street'],
      ['address', 'street'],
      ['products', 0, 'name'],
      ['products', 0, 'description'],
      ['salesChannels', 'marketplaces', 0, 'name'],
      ['salesChannels', 'social', 0, 'platform'],
      ['certifications', 0, 'number'],
    ],
  },
  { schema: 'PATCH /businesses/{id}', parse: UpdateBusiness, valid: {}, paths: [['name']] },
  {
    schema: 'POST /businesses/{id}/verification',
    parse: Verification,
    valid: { decision: 'verified' },
    paths: [['note']],
  },
  {
    schema: 'POST /surveys',
    parse: SurveyInput,
    valid: surveyInput(),
    paths: [
      ['title'],
      ['description'],
      ['questions', 0, 'label', 'id'],
      ['questions', 0, 'label', 'en'],
      ['questions', 0, 'options', 0, 'label', 'id'],
    ],
  },
  { schema: 'PATCH /surveys/{id}', parse: SurveyPatch, valid: {}, paths: [['title']] },
];

describe('free text', () => {
  for (const { schema, parse, valid, paths } of FIELDS) {
    for (const path of paths) {
      const field = path.join('.');
      it(`${schema}: ${field} refuses broken and invisible Unicode with an error naming the field`, () => {
        for (const [what, text] of Object.entries(BROKEN)) {
          expect(errorPaths(parse, setAt(valid, path, text)), `${what} in ${field}`).toContain(field);
        }
      });
    }
  }

  it('survey answers (short text) refuse the same, naming the answer', () => {
    const { questions } = SurveyInput.parse(surveyInput());
    for (const [what, text] of Object.entries(BROKEN)) {
      const { errors } = checkAnswers(questions as Question[], {
        butuh: ['gerai'],
        urgensi: 3,
        catatan: text,
      });
      expect(
        errors.map((error) => error.path),
        what,
      ).toContain('answers.catatan');
    }
  });

  it('keeps ordinary text, emoji with joiners and Indonesian names; stores NFC', () => {
    const schema = freeText({ max: 200 });
    for (const text of ['Keripik Tempe Bu Siti', 'Batik 👩🏽‍🍳 Bekasi', 'Ṣalāḥ', 'K\u00e9tan']) {
      expect(schema.parse(text)).toBe(text.normalize('NFC'));
    }
    expect(schema.parse('Ke\u0301tan')).toBe('K\u00e9tan');
    expect(freeText({ max: 50, multiline: true }).parse('baris satu\r\nbaris dua')).toBe(
      'baris satu\nbaris dua',
    );
  });

  it('no text with a forbidden character anywhere in it is accepted (property)', () => {
    const forbidden = fc.constantFrom(
      ...'\u0000\u0001\u0008\u000B\u000C\r\u001B\u007F\u0080\u009F\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\uFFFE'.split(
        '',
      ),
      '\uD800',
      '\uDFFF',
    );
    const schema = freeText({ max: 500, multiline: true });
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), forbidden, fc.string({ maxLength: 40 }), (a, bad, b) => {
        expect(schema.safeParse(`x${a}${bad}${b}x`).success).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('subscriber names', () => {
  it('refuse markup, links and domain-like text; keep names with titles', () => {
    for (const name of [
      '<img src=x onerror=alert(1)>',
      'http://evil.example',
      'Klik evil.example sekarang',
      'Budi <b>',
      'a@b.id',
      'Budi & Ani',
    ]) {
      expect(personName.safeParse(name).success, name).toBe(false);
    }
    for (const name of ['Siti Rahmawati', 'Ir. H. Budi Santoso, S.Kom', "Ni Made O'Neil", 'Dewi (Ibu)']) {
      expect(personName.parse(name)).toBe(name);
    }
  });
});

describe('links', () => {
  const linkFields: (string | number)[][] = [['registration', 'url'], ['onlineUrl'], ['posterUrl']];
  for (const path of linkFields) {
    const field = path.join('.');
    it(`POST /events: ${field} refuses control characters and spaces, naming the field`, () => {
      for (const [what, url] of Object.entries(BROKEN_URLS)) {
        expect(errorPaths(EventInput, setAt(eventInput(), path, url)), `${what} in ${field}`).toContain(
          field,
        );
      }
    });
  }

  it('POST /businesses: shop and social links refuse them too', () => {
    for (const path of [
      ['salesChannels', 'marketplaces', 0, 'url'],
      ['salesChannels', 'social', 0, 'url'],
    ]) {
      for (const [what, url] of Object.entries(BROKEN_URLS)) {
        expect(errorPaths(RegisterBusiness, setAt(registration(), path, url)), what).toContain(
          path.join('.'),
        );
      }
    }
  });
});
