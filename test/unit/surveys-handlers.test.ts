import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { businessKey, surveyKey } from '../../functions/shared/keys.ts';
import { handler as createSurvey } from '../../functions/surveys/create-survey.ts';
import { SurveyInput } from '../../functions/surveys/definition-schemas.ts';
import { toDefinition } from '../../functions/surveys/definition.ts';
import { handler as publish } from '../../functions/surveys/publish-survey.ts';
import { handler as putResponse } from '../../functions/surveys/put-survey-response.ts';
import { closed, newSurvey, published, type Survey } from '../../functions/surveys/model.ts';
import { handler as results } from '../../functions/surveys/survey-results.ts';
import { handler as updateSurvey } from '../../functions/surveys/update-survey.ts';
import { cancelled } from '../helpers/dynamodb.ts';
import { invoke, operatorClaims, ownerClaims } from '../helpers/invoke.ts';
import { answersFor, surveyInput } from '../helpers/surveys.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const BUSINESS = '01J0000000000000000000000B';
const SURVEY = '01J0000000000000000000000S';
const json = { 'content-type': 'application/json' };
const business = {
  ...businessKey(BUSINESS),
  id: BUSINESS,
  ownerSub: 'owner-a',
  address: { kecamatan: '32.75.01' },
  sector: 'kuliner',
  size: { class: 'mikro' },
  version: 1,
};
const now = new Date().toISOString();
const draft = newSurvey(SURVEY, toDefinition(SurveyInput.parse(surveyInput())), 'op', now);
const open = published(draft, now);

const stored = (survey: Survey | undefined) => {
  ddb.on(GetCommand, { Key: businessKey(BUSINESS) }).resolves({ Item: business });
  ddb
    .on(GetCommand, { Key: surveyKey(SURVEY) })
    .resolves(survey ? { Item: { ...surveyKey(SURVEY), ...survey } } : {});
};

const answer = (body: unknown, claims = ownerClaims('owner-a'), raw = false) =>
  invoke(putResponse, {
    method: 'PUT',
    path: `/businesses/${BUSINESS}/surveys/${SURVEY}/response`,
    pathParameters: { id: BUSINESS, surveyId: SURVEY },
    routeKey: 'PUT /businesses/{id}/surveys/{surveyId}/response',
    headers: json,
    body: raw ? (body as string) : JSON.stringify(body),
    claims,
  });

describe('PUT /businesses/{id}/surveys/{surveyId}/response', () => {
  beforeEach(() => {
    ddb.reset();
    ddb.on(GetCommand).resolves({});
    ddb.on(TransactWriteCommand).resolves({});
    stored(open);
  });

  it('saves a response with its counters and declared needs in one transaction', async () => {
    const response = await answer({ version: 1, answers: answersFor() });
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({ version: 1, revision: 1, needs: ['gerai', 'pelatihan'] });
    expect(response.json()).not.toHaveProperty('ownerSub');
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 1);
    const items = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items[3]?.Put?.Item).toMatchObject({
      PK: 'OWNER#owner-a',
      SK: 'NEEDS',
      needs: ['gerai', 'pelatihan'],
    });
    // The cell's respondents and the four questions answered.
    expect(items.filter((item) => item.Update)).toHaveLength(5);
  });

  it('answers 400 with one error per question path', async () => {
    const response = await answer({ version: 1, answers: { butuh: ['modal'], urgensi: 9, lain: 1 } });
    expect(response.status).toBe(400);
    expect(response.json().errors.map((error: { path: string }) => error.path)).toEqual([
      'answers.lain',
      'answers.butuh',
      'answers.urgensi',
    ]);
    expect(ddb).toHaveReceivedCommandTimes(TransactWriteCommand, 0);
  });

  it('answers 404 for another owner’s business and for an unknown survey', async () => {
    expect((await answer({ version: 1, answers: answersFor() }, ownerClaims('owner-b'))).status).toBe(404);
    expect((await answer({ version: 1, answers: answersFor() }, operatorClaims())).status).toBe(404);
    stored(undefined);
    expect((await answer({ version: 1, answers: answersFor() })).status).toBe(404);
  });

  it('answers 409 to a closed, not yet open, or draft survey and to a stale version', async () => {
    stored(closed(open, now));
    expect((await answer({ version: 1, answers: answersFor() })).status).toBe(409);
    const later = published(
      newSurvey(
        SURVEY,
        toDefinition(SurveyInput.parse(surveyInput({ opensAt: '2099-01-01', closesAt: '2099-02-01' }))),
        'op',
        now,
      ),
      now,
    );
    stored(later);
    expect((await answer({ version: 1, answers: answersFor() })).json().detail).toMatch(/not open yet/);
    stored(open);
    expect((await answer({ version: 2, answers: answersFor() })).status).toBe(409);
    stored(draft);
    expect((await answer({ version: 1, answers: answersFor() })).status).toBe(404);
  });

  it('maps a lost race: business erased → 404, survey closed meanwhile → 409, concurrent change → retried', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled(['None', 'ConditionalCheckFailed', 'None']));
    expect((await answer({ version: 1, answers: answersFor() })).status).toBe(404);
    ddb.on(TransactWriteCommand).rejects(cancelled(['None', 'None', 'ConditionalCheckFailed']));
    expect((await answer({ version: 1, answers: answersFor() })).status).toBe(409);
    ddb
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled(['ConditionalCheckFailed', 'None', 'None']))
      .resolves({});
    expect((await answer({ version: 1, answers: answersFor() })).status).toBe(200);
  });

  it('answers 503 when DynamoDB keeps throttling, and 500 without internals on a driver failure', async () => {
    ddb
      .on(TransactWriteCommand)
      .rejects(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }));
    expect((await answer({ version: 1, answers: answersFor() })).status).toBe(503);
    ddb.on(GetCommand).rejects(new Error('socket hang up'));
    const failed = await answer({ version: 1, answers: answersFor() });
    expect(failed.status).toBe(500);
    expect(failed.body).not.toContain('socket');
  });

  it('never answers 5xx to arbitrary answers', async () => {
    const value = fc.oneof(
      fc.jsonValue(),
      fc.constantFrom('gerai', 'digital', 'pasar', 3, 0, 5, 500, -1, 2.5),
      fc.array(fc.constantFrom('gerai', 'pelatihan', 'pasar', 'modal'), { maxLength: 5 }),
    );
    const key = fc.constantFrom(
      'butuh',
      'topik',
      'urgensi',
      'pekerja',
      'catatan',
      'lain',
      '__proto__',
      'constructor',
    );
    const body = fc.oneof(
      fc
        .record({ version: fc.constantFrom(1, 2, 0, 1.5), answers: fc.dictionary(key, value) })
        .map((b) => JSON.stringify(b)),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.string(),
    );
    await fc.assert(
      fc.asyncProperty(body, async (raw) => {
        const response = await answer(raw, ownerClaims('owner-a'), true);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 300 },
    );
  });
});

describe('survey definitions (operators)', () => {
  beforeEach(() => {
    ddb.reset();
    ddb.on(PutCommand).resolves({});
    ddb.on(TransactWriteCommand).resolves({});
  });

  const patch = (body: unknown, ifMatch?: string) =>
    invoke(updateSurvey, {
      method: 'PATCH',
      path: `/surveys/${SURVEY}`,
      pathParameters: { id: SURVEY },
      routeKey: 'PATCH /surveys/{id}',
      headers: { ...json, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
      body: JSON.stringify(body),
      claims: operatorClaims(),
    });

  it('creates a draft with one conditional Put, times in WIB', async () => {
    const response = await invoke(createSurvey, {
      method: 'POST',
      path: '/surveys',
      headers: json,
      body: JSON.stringify(surveyInput({ opensAt: '2026-12-01', closesAt: '2026-12-31' })),
      claims: operatorClaims(),
    });
    expect(response.status).toBe(201);
    expect(response.json()).toMatchObject({
      status: 'draft',
      draft: { version: 1, opensAt: '2026-12-01T00:00:00+07:00', closesAt: '2027-01-01T00:00:00+07:00' },
    });
    expect(response.headers.etag).toBe('"1"');
    expect(ddb).toHaveReceivedCommandTimes(PutCommand, 1);
  });

  it('refuses an owner (403) and a bad definition (400, each path)', async () => {
    const asOwner = await invoke(createSurvey, {
      method: 'POST',
      path: '/surveys',
      headers: json,
      body: JSON.stringify(surveyInput()),
      claims: ownerClaims(),
    });
    expect(asOwner.status).toBe(403);
    const bad = await invoke(createSurvey, {
      method: 'POST',
      path: '/surveys',
      headers: json,
      body: JSON.stringify(
        surveyInput({ questions: [{ key: 'Bad Key', kind: 'essay', label: { id: '' } }] }),
      ),
      claims: operatorClaims(),
    });
    expect(bad.status).toBe(400);
    expect(
      bad
        .json()
        .errors.map((error: { path: string }) => error.path)
        .sort(),
    ).toEqual(['questions.0.key', 'questions.0.kind', 'questions.0.label.id']);
  });

  it('edits only drafts, with If-Match (428 without, 412 stale, 409 on a published version)', async () => {
    ddb.on(GetCommand).resolves({ Item: { ...surveyKey(SURVEY), ...draft } });
    expect((await patch({ title: 'Baru' })).status).toBe(428);
    expect((await patch({ title: 'Baru' }, '"9"')).status).toBe(412);
    const edited = await patch({ title: 'Survei Baru' }, '"1"');
    expect(edited.status).toBe(200);
    expect(edited.json()).toMatchObject({ revision: 2, draft: { title: 'Survei Baru', version: 1 } });
    ddb.on(GetCommand).resolves({ Item: { ...surveyKey(SURVEY), ...open } });
    expect((await patch({ title: 'Baru' }, '"2"')).status).toBe(409);
  });

  it('publishes the draft and its immutable snapshot in one transaction; 412 when it changed meanwhile', async () => {
    ddb.on(GetCommand).resolves({ Item: { ...surveyKey(SURVEY), ...draft } });
    const response = await invoke(publish, {
      method: 'POST',
      path: `/surveys/${SURVEY}/publish`,
      pathParameters: { id: SURVEY },
      routeKey: 'POST /surveys/{id}/publish',
      claims: operatorClaims(),
    });
    expect(response.status).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'published',
      current: { version: 1 },
      questionKeys: ['butuh', 'topik', 'urgensi', 'pekerja', 'catatan'],
    });
    const items = ddb.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items.map((item) => item.Put?.Item?.SK)).toEqual(['SURVEY', 'VERSION#0001']);
    ddb.on(TransactWriteCommand).rejects(cancelled(['ConditionalCheckFailed', 'None']));
    const raced = await invoke(publish, {
      method: 'POST',
      path: `/surveys/${SURVEY}/publish`,
      pathParameters: { id: SURVEY },
      routeKey: 'X',
      claims: operatorClaims(),
    });
    expect(raced.status).toBe(412);
  });

  const readResults = () =>
    invoke(results, {
      path: `/surveys/${SURVEY}/results`,
      pathParameters: { id: SURVEY },
      routeKey: 'GET /surveys/{id}/results',
      claims: operatorClaims(),
    });

  it('reads results with one Get and counter Queries, and answers 404 for an unknown survey', async () => {
    ddb.on(GetCommand).resolves({ Item: { ...surveyKey(SURVEY), ...open } });
    ddb.on(QueryCommand).resolves({
      Items: [
        { cell: { kecamatan: '32.75.01', sector: 'kuliner', sizeClass: 'mikro' }, respondents: 2 },
        {
          cell: { kecamatan: '32.75.01', sector: 'kuliner', sizeClass: 'mikro' },
          question: 'pekerja',
          kind: 'number',
          n: 2,
          sum: 13,
          'v:3': 1,
          'v:10': 1,
          'v:7': 0,
        },
      ],
    });
    const response = await readResults();
    expect(response.status).toBe(200);
    const pekerja = response.json().questions.find((q: { key: string }) => q.key === 'pekerja');
    expect(pekerja.stats).toEqual({ count: 2, sum: 13, min: 3, max: 10, mean: 6.5 });
    expect(ddb).toHaveReceivedCommandTimes(GetCommand, 1);
    expect(ddb).toHaveReceivedCommandTimes(QueryCommand, 1);
    ddb.on(GetCommand).resolves({});
    expect((await readResults()).status).toBe(404);
  });
});
