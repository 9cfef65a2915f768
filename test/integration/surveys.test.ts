import { nikGuardOf } from '../../functions/businesses/identity.ts';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, inject, it } from 'vitest';
import { handler as remove } from '../../functions/businesses/delete-business.ts';
import { handler as register } from '../../functions/businesses/register-business.ts';
import { handler as myData } from '../../functions/me/get-my-data.ts';
import { handler as closeSurvey } from '../../functions/surveys/close-survey.ts';
import { handler as createSurvey } from '../../functions/surveys/create-survey.ts';
import { handler as exportResponses } from '../../functions/surveys/export-survey-responses.ts';
import { handler as getResponse } from '../../functions/surveys/get-survey-response.ts';
import { handler as openSurveys } from '../../functions/surveys/open-surveys.ts';
import { handler as publish } from '../../functions/surveys/publish-survey.ts';
import { handler as putResponse } from '../../functions/surveys/put-survey-response.ts';
import { handler as startVersion } from '../../functions/surveys/start-survey-version.ts';
import { handler as results } from '../../functions/surveys/survey-results.ts';
import { handler as updateSurvey } from '../../functions/surveys/update-survey.ts';
import { localClient } from '../../lib/local/dynamodb.ts';
import { registration } from '../helpers/businesses.ts';
import { importedBusiness } from '../helpers/imported.ts';
import { claimBusiness, createImportedBusiness, getBusiness } from '../../functions/businesses/store.ts';
import { answersJoinOwner } from '../../functions/surveys/answers-store.ts';
import { invoke, operatorClaims, ownerClaims } from '../helpers/invoke.ts';
import { answersFor, surveyInput } from '../helpers/surveys.ts';

const table = process.env.TABLE_NAME ?? '';
const raw = DynamoDBDocumentClient.from(localClient(inject('dynamoDbEndpoint')));
const operator = operatorClaims('op-surveys');
const json = { 'content-type': 'application/json' };
let owners = 0;
const newOwner = () => ownerClaims(`it-survey-owner-${Date.now()}-${++owners}`);

const KECAMATAN = ['32.75.01', '32.75.02', '32.75.03'];
const inKecamatan = (code: string) =>
  registration({
    nib: undefined,
    address: { ...registration().address, kecamatan: code, kelurahan: `${code}.1001` },
  });

async function registerBusiness(
  owner: Record<string, string>,
  body: unknown = registration({ nib: undefined }),
) {
  const response = await invoke(register, {
    method: 'POST',
    path: '/businesses',
    headers: json,
    body: JSON.stringify(body),
    claims: owner,
  });
  expect(response.status).toBe(201);
  return response.json().id as string;
}

const surveyPath = (id: string, verb = '') => ({
  path: `/surveys/${id}${verb}`,
  pathParameters: { id },
  routeKey: 'X',
  claims: operator,
});

async function publishedSurvey(body: unknown = surveyInput()) {
  const created = await invoke(createSurvey, {
    method: 'POST',
    path: '/surveys',
    headers: json,
    body: JSON.stringify(body),
    claims: operator,
  });
  expect(created.status).toBe(201);
  const id = created.json().id as string;
  const published = await invoke(publish, { ...surveyPath(id, '/publish'), method: 'POST' });
  expect(published.status).toBe(200);
  return id;
}

const answer = (
  owner: Record<string, string>,
  businessId: string,
  surveyId: string,
  answers: unknown,
  version = 1,
) =>
  invoke(putResponse, {
    method: 'PUT',
    path: `/businesses/${businessId}/surveys/${surveyId}/response`,
    pathParameters: { id: businessId, surveyId },
    routeKey: 'PUT /businesses/{id}/surveys/{surveyId}/response',
    headers: json,
    body: JSON.stringify({ version, answers }),
    claims: owner,
  });

const erase = (owner: Record<string, string>, businessId: string) =>
  invoke(remove, {
    path: `/businesses/${businessId}`,
    pathParameters: { id: businessId },
    routeKey: 'DELETE /businesses/{id}',
    method: 'DELETE',
    claims: owner,
  });

const resultsOf = async (surveyId: string, query = '') =>
  (
    await invoke(results, {
      ...surveyPath(surveyId, `/results${query}`),
      path: `/surveys/${surveyId}/results${query}`,
    })
  ).json();

async function storedResponses(surveyId: string) {
  const items: Record<string, any>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await raw.send(
      new QueryCommand({
        TableName: table,
        IndexName: 'GSI2',
        KeyConditionExpression: 'GSI2PK = :p',
        ExpressionAttributeValues: { ':p': `SURVEY#${surveyId}#RESPONSES` },
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** The results a recount of the stored responses gives, in the shape the results route answers. */
async function recount(surveyId: string) {
  const responses = await storedResponses(surveyId);
  const options: Record<string, number> = {};
  let urgencySum = 0;
  for (const response of responses) {
    for (const option of response.answers.butuh ?? []) options[option] = (options[option] ?? 0) + 1;
    urgencySum += response.answers.urgensi ?? 0;
  }
  return { respondents: responses.length, options, urgencySum };
}

const optionCounts = (body: any, key: string) =>
  Object.fromEntries(
    body.questions
      .find((question: any) => question.key === key)
      .options.filter((option: any) => option.count > 0)
      .map((option: any) => [option.key ?? option.value, option.count]),
  );

describe('needs surveys on DynamoDB Local', () => {
  it('counts an answer at once, moves the counts when it changes, and keeps one response per business', async () => {
    const owner = newOwner();
    const business = await registerBusiness(owner);
    const survey = await publishedSurvey();
    expect((await answer(owner, business, survey, answersFor())).status).toBe(200);
    let body = await resultsOf(survey);
    expect(body.respondents).toBe(1);
    expect(optionCounts(body, 'butuh')).toEqual({ gerai: 1, pelatihan: 1 });
    expect(body.questions.find((q: any) => q.key === 'urgensi').stats).toEqual({
      count: 1,
      sum: 4,
      min: 4,
      max: 4,
      mean: 4,
    });
    expect(body.byKecamatan).toEqual([expect.objectContaining({ kecamatan: '32.75.01', respondents: 1 })]);

    const changed = await answer(
      owner,
      business,
      survey,
      answersFor({ butuh: ['pasar'], topik: undefined, urgensi: 2 }),
    );
    expect(changed.status).toBe(200);
    expect(changed.json()).toMatchObject({ revision: 2, needs: ['pasar'] });
    body = await resultsOf(survey);
    expect(body.respondents).toBe(1);
    expect(optionCounts(body, 'butuh')).toEqual({ pasar: 1 });
    expect(optionCounts(body, 'topik')).toEqual({});
    expect(body.questions.find((q: any) => q.key === 'urgensi').stats).toMatchObject({
      min: 2,
      max: 2,
      sum: 2,
    });
    expect(await storedResponses(survey)).toHaveLength(1);

    const read = await invoke(getResponse, {
      path: `/businesses/${business}/surveys/${survey}/response`,
      pathParameters: { id: business, surveyId: survey },
      routeKey: 'X',
      claims: owner,
    });
    expect(read.json()).toMatchObject({ version: 1, answers: { butuh: ['pasar'], urgensi: 2 } });
    const needs = await raw.send(
      new GetCommand({ TableName: table, Key: { PK: `OWNER#${owner.sub}`, SK: 'NEEDS' } }),
    );
    expect(needs.Item?.needs).toEqual(['pasar']);
  });

  it('keeps the owner’s declared needs as the union over their businesses', async () => {
    const owner = newOwner();
    const [first, second] = [await registerBusiness(owner), await registerBusiness(owner)];
    const survey = await publishedSurvey();
    await answer(owner, first, survey, answersFor({ butuh: ['gerai'], topik: undefined }));
    await answer(owner, second, survey, answersFor({ butuh: ['pelatihan', 'pasar'] }));
    const key = { PK: `OWNER#${owner.sub}`, SK: 'NEEDS' };
    expect((await raw.send(new GetCommand({ TableName: table, Key: key }))).Item?.needs).toEqual([
      'gerai',
      'pelatihan',
      'pasar',
    ]);
    expect((await erase(owner, second)).status).toBe(204);
    expect((await raw.send(new GetCommand({ TableName: table, Key: key }))).Item?.needs).toEqual(['gerai']);
    const data = (await invoke(myData, { path: '/me/data', claims: owner })).json();
    expect(data.surveyResponses).toEqual([expect.objectContaining({ businessId: first, surveyId: survey })]);
    expect(data.declaredNeeds).toEqual({ needs: ['gerai'], byBusiness: { [first]: ['gerai'] } });
  });

  it('gives counts equal to a recount after 50 concurrent answers and 20 concurrent changes', async () => {
    const survey = await publishedSurvey();
    const respondents = await Promise.all(
      Array.from({ length: 50 }, async (_, index) => {
        const owner = newOwner();
        return {
          owner,
          business: await registerBusiness(owner, inKecamatan(KECAMATAN[index % 3] ?? '32.75.01')),
        };
      }),
    );
    const answered = await Promise.all(
      respondents.map(({ owner, business }, index) =>
        answer(
          owner,
          business,
          survey,
          answersFor({
            urgensi: (index % 5) + 1,
            butuh: index % 2 ? ['gerai'] : ['pasar'],
            topik: undefined,
          }),
        ),
      ),
    );
    expect(answered.map((response) => response.status)).toEqual(Array(50).fill(200));
    const changed = await Promise.all(
      respondents
        .slice(0, 20)
        .map(({ owner, business }) => answer(owner, business, survey, answersFor({ urgensi: 5 }))),
    );
    expect(changed.map((response) => response.status)).toEqual(Array(20).fill(200));
    const body = await resultsOf(survey);
    const expected = await recount(survey);
    expect(body.respondents).toBe(50);
    expect(expected.respondents).toBe(50);
    expect(optionCounts(body, 'butuh')).toEqual(expected.options);
    expect(body.questions.find((q: any) => q.key === 'urgensi').stats.sum).toBe(expected.urgencySum);
    expect(body.byKecamatan.map((row: any) => row.respondents)).toEqual([17, 17, 16]);
    const one = await resultsOf(survey, '?kecamatan=32.75.02');
    expect(one.respondents).toBe(17);
  });

  it('uncounts and removes the responses of an erased business', async () => {
    const owner = newOwner();
    const business = await registerBusiness(owner);
    const survey = await publishedSurvey();
    await answer(owner, business, survey, answersFor());
    expect((await resultsOf(survey)).respondents).toBe(1);
    expect((await erase(owner, business)).status).toBe(204);
    const body = await resultsOf(survey);
    expect(body.respondents).toBe(0);
    expect(optionCounts(body, 'butuh')).toEqual({});
    expect(await storedResponses(survey)).toEqual([]);
    const needs = await raw.send(
      new GetCommand({ TableName: table, Key: { PK: `OWNER#${owner.sub}`, SK: 'NEEDS' } }),
    );
    expect(needs.Item).toBeUndefined();
  });

  it('keeps answers to version 1 counted after version 2 is published, and checks answers against their version', async () => {
    const [ownerA, ownerB] = [newOwner(), newOwner()];
    const [a, b] = [await registerBusiness(ownerA), await registerBusiness(ownerB)];
    const survey = await publishedSurvey();
    await answer(ownerA, a, survey, answersFor());
    const started = await invoke(startVersion, { ...surveyPath(survey, '/versions'), method: 'POST' });
    expect(started.json().draft.version).toBe(2);
    const edited = await invoke(updateSurvey, {
      ...surveyPath(survey),
      method: 'PATCH',
      headers: { ...json, 'if-match': started.headers.etag ?? '' },
      body: JSON.stringify({
        questions: [
          ...surveyInput().questions,
          { key: 'omzet', kind: 'number', label: { id: 'Omzet (juta)' }, min: 0, max: 1000, required: true },
        ],
      }),
    });
    expect(edited.status).toBe(200);
    expect((await invoke(publish, { ...surveyPath(survey, '/publish'), method: 'POST' })).status).toBe(200);
    // Version 1 answers are no longer taken; version 2 needs its new question.
    expect((await answer(ownerB, b, survey, answersFor(), 1)).status).toBe(409);
    const missing = await answer(ownerB, b, survey, answersFor(), 2);
    expect(missing.status).toBe(400);
    expect(missing.json().errors).toEqual([
      expect.objectContaining({ path: 'answers.omzet', code: 'required' }),
    ]);
    expect((await answer(ownerB, b, survey, answersFor({ omzet: 120 }), 2)).status).toBe(200);
    const body = await resultsOf(survey);
    expect(body.version).toBe(2);
    expect(body.respondents).toBe(2);
    expect(optionCounts(body, 'butuh')).toEqual({ gerai: 2, pelatihan: 2 });
    expect((await storedResponses(survey)).map((response) => response.version).sort()).toEqual([1, 2]);
  });

  it('answers 409 on a closed survey and 404 on another owner’s business; lists only open surveys', async () => {
    const owner = newOwner();
    const business = await registerBusiness(owner);
    const survey = await publishedSurvey();
    const future = await publishedSurvey(
      surveyInput({ opensAt: new Date(Date.now() + 86_400_000 * 3).toISOString() }),
    );
    const open = await invoke(openSurveys, {
      path: `/surveys/open?businessId=${business}`,
      routeKey: 'GET /surveys/open',
      claims: owner,
    });
    const ids = open.json().items.map((item: { id: string }) => item.id);
    expect(ids).toContain(survey);
    expect(ids).not.toContain(future);
    expect((await answer(owner, business, future, answersFor())).status).toBe(409);
    expect((await answer(newOwner(), business, survey, answersFor())).status).toBe(404);
    expect((await invoke(closeSurvey, { ...surveyPath(survey, '/close'), method: 'POST' })).status).toBe(200);
    const closed = await answer(owner, business, survey, answersFor());
    expect(closed.status).toBe(409);
  });

  it('exports 2,000 responses across pages with no row lost or repeated', { timeout: 120_000 }, async () => {
    const survey = await publishedSurvey();
    // Written straight to the table: the export reads the survey's response index, nothing else.
    const { BatchWriteCommand } = await import('@aws-sdk/lib-dynamodb');
    const ids = Array.from({ length: 2000 }, (_, index) => `01J${String(index).padStart(23, '0')}`);
    for (let start = 0; start < ids.length; start += 25) {
      await raw.send(
        new BatchWriteCommand({
          RequestItems: {
            [table]: ids.slice(start, start + 25).map((businessId) => ({
              PutRequest: {
                Item: {
                  PK: `BUSINESS#${businessId}`,
                  SK: `RESPONSE#${survey}`,
                  GSI2PK: `SURVEY#${survey}#RESPONSES`,
                  GSI2SK: businessId,
                  businessId,
                  surveyId: survey,
                  ownerSub: 'bulk',
                  version: 1,
                  answers: { butuh: ['gerai'], urgensi: 3, catatan: '=SUM(A1)' },
                  kinds: { butuh: 'multiple_choice', urgensi: 'scale', catatan: 'short_text' },
                  cell: { kecamatan: '32.75.01', sector: 'kuliner', sizeClass: 'mikro' },
                  revision: 1,
                  answeredAt: '2026-01-01T00:00:00.000Z',
                  updatedAt: '2026-01-01T00:00:00.000Z',
                },
              },
            })),
          },
        }),
      );
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const query = `?format=csv&limit=100${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await invoke(exportResponses, {
        ...surveyPath(survey, `/responses${query}`),
        path: `/surveys/${survey}/responses${query}`,
      });
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toBe('text/csv; charset=utf-8');
      const lines = (page.body ?? '').trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'business_id,kecamatan,sector,size_class,version,answered_at,updated_at,butuh,topik,urgensi,pekerja,catatan',
      );
      for (const line of lines.slice(1)) {
        expect(line).toContain(",'=SUM(A1)");
        seen.push(line.split(',')[0] ?? '');
      }
      cursor = page.headers['x-next-cursor'];
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThan(6);
    expect(seen).toHaveLength(2000);
    expect(new Set(seen).size).toBe(2000);
    expect([...seen].sort()).toEqual(ids);
  });
});

describe('assisted answers (field officers) on DynamoDB Local', () => {
  it('lets an operator answer for an unclaimed imported business, kept as assisted and counted like any other', async () => {
    const business = importedBusiness({ nib: undefined });
    expect(await createImportedBusiness(business)).toEqual({ outcome: 'created' });
    const survey = await publishedSurvey();
    const assisted = await answer(operator, business.id, survey, answersFor());
    expect(assisted.status).toBe(200);
    expect(assisted.json().assisted).toEqual({ by: operator.sub, at: expect.any(String) });
    const body = await resultsOf(survey);
    expect(body.respondents).toBe(1);
    expect(optionCounts(body, 'butuh')).toEqual({ gerai: 1, pelatihan: 1 });
    // Nobody else may answer for it, and an owned business is its owner's to answer.
    expect((await answer(newOwner(), business.id, survey, answersFor())).status).toBe(404);
    const owner = newOwner();
    const owned = await registerBusiness(owner);
    expect((await answer(operator, owned, survey, answersFor())).status).toBe(404);

    // Claimed, the record's earlier answers join the owner's data; the owner's change is no longer assisted.
    const stored = await getBusiness(business.id);
    if (!stored) throw new Error('imported record missing');
    const claimant = newOwner();
    await claimBusiness(
      stored,
      claimant.sub,
      new Date().toISOString(),
      nikGuardOf(stored.owner.nik),
      await answersJoinOwner(business.id, claimant.sub),
    );
    const data = (await invoke(myData, { path: '/me/data', claims: claimant })).json();
    expect(data.surveyResponses).toEqual([
      expect.objectContaining({ businessId: business.id, surveyId: survey }),
    ]);
    expect((await answer(operator, business.id, survey, answersFor())).status).toBe(404);
    const changed = await answer(claimant, business.id, survey, answersFor({ urgensi: 2 }));
    expect(changed.status).toBe(200);
    expect(changed.json().assisted).toBeUndefined();
    expect((await resultsOf(survey)).respondents).toBe(1);
  });
});
