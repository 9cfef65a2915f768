import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { devIssuer } from '../../lib/local/issuer.ts';
import { registration } from '../helpers/businesses.ts';
import { apiClient } from '../helpers/client.ts';
import { answersFor, surveyInput } from '../helpers/surveys.ts';

const issuer = await devIssuer(join(inject('localDir'), 'dev-issuer.json'));
const ownerA = apiClient(await issuer.sign({ role: 'owner', sub: 'e2e-survey-owner-a' }));
const ownerB = apiClient(await issuer.sign({ role: 'owner', sub: 'e2e-survey-owner-b' }));
const operator = apiClient(await issuer.sign({ role: 'operator', sub: 'e2e-survey-operator' }));

const newBusiness = async () => (await ownerA.POST('/businesses', { body: registration() })).data!.id;

const newSurvey = async () => {
  const created = await operator.POST('/surveys', { body: surveyInput() });
  expect(created.response.status).toBe(201);
  const id = created.data!.id;
  const published = await operator.POST('/surveys/{id}/publish', { params: { path: { id } } });
  expect(published.response.status).toBe(200);
  return id;
};

const answer = () => ({ version: 1, answers: answersFor() });

describe('needs surveys over HTTP', () => {
  it('an owner answers an open survey and an operator reads the live results', async () => {
    const business = await newBusiness();
    const survey = await newSurvey();
    const open = await ownerA.GET('/surveys/open', { params: { query: { businessId: business } } });
    expect(open.response.status).toBe(200);
    const offered = open.data?.items.find((item) => item.id === survey);
    expect(offered).toMatchObject({ version: 1, response: null });
    const path = { id: business, surveyId: survey };
    const route = '/businesses/{id}/surveys/{surveyId}/response';
    expect((await ownerA.PUT(route, { params: { path }, body: answer() })).response.status).toBe(200);
    expect((await ownerA.GET(route, { params: { path } })).data).toMatchObject({ answers: { urgensi: 4 } });
    const results = await operator.GET('/surveys/{id}/results', { params: { path: { id: survey } } });
    expect(results.response.status).toBe(200);
    expect(results.data).toMatchObject({
      respondents: 1,
      byKecamatan: [{ kecamatan: '32.75.01', respondents: 1 }],
    });
    const csv = await operator.GET('/surveys/{id}/responses', {
      params: { path: { id: survey }, query: { format: 'csv' } },
      parseAs: 'text',
    });
    expect(csv.response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = csv.data ?? '';
    expect(text).toContain(business);
    expect(text).not.toMatch(/\d{16}|@example\.com|\+628/);
    const data = (await ownerA.GET('/me/data')).data;
    expect(data?.surveyResponses).toEqual(
      expect.arrayContaining([expect.objectContaining({ surveyId: survey })]),
    );
  });

  it('answers 409 on a closed survey and 404 on another owner’s business', async () => {
    const business = await newBusiness();
    const survey = await newSurvey();
    const path = { id: business, surveyId: survey };
    const route = '/businesses/{id}/surveys/{surveyId}/response';
    expect((await ownerB.PUT(route, { params: { path }, body: answer() })).response.status).toBe(404);
    expect((await ownerB.GET(route, { params: { path } })).response.status).toBe(404);
    const open = await ownerB.GET('/surveys/open', { params: { query: { businessId: business } } });
    expect(open.response.status).toBe(404);
    const close = await operator.POST('/surveys/{id}/close', { params: { path: { id: survey } } });
    expect(close.response.status).toBe(200);
    const closed = await ownerA.PUT(route, { params: { path }, body: answer() });
    expect(closed.response.status).toBe(409);
    expect(closed.response.headers.get('content-type')).toBe('application/problem+json');
  });

  it('answers 403 to an owner on the operators’ survey routes', async () => {
    const id = await newSurvey();
    const path = { id };
    const answers = [
      await ownerA.GET('/surveys'),
      await ownerA.POST('/surveys', { body: surveyInput() }),
      await ownerA.GET('/surveys/{id}', { params: { path } }),
      await ownerA.GET('/surveys/{id}/results', { params: { path } }),
      await ownerA.GET('/surveys/{id}/responses', { params: { path } }),
      await ownerA.POST('/surveys/{id}/close', { params: { path } }),
      await ownerA.GET('/survey-templates'),
    ];
    expect(
      answers.map(({ response }) => `${response.url.replace(/^.*:\d+/, '')} ${response.status}`),
    ).toEqual(answers.map(({ response }) => `${response.url.replace(/^.*:\d+/, '')} 403`));
  });

  it('serves the Kebutuhan UMKM template, published in the demo data, and lets operators copy it', async () => {
    const list = await operator.GET('/surveys', { params: { query: { status: 'published', limit: 100 } } });
    expect(list.data?.items.map((item) => item.title)).toContain('Kebutuhan UMKM');
    const copy = await operator.POST('/survey-templates/{key}/copy', {
      params: { path: { key: 'kebutuhan-umkm' } },
      body: { opensAt: '2027-01-01', closesAt: '2027-01-31' },
    });
    expect(copy.response.status).toBe(201);
    expect(copy.data).toMatchObject({
      status: 'draft',
      template: 'kebutuhan-umkm',
      draft: { title: 'Kebutuhan UMKM' },
    });
  });

  it('an operator edits a draft, then starts version 2 of a published survey, edits and publishes it', async () => {
    const created = await operator.POST('/surveys', { body: surveyInput() });
    const path = { id: created.data!.id };
    const retitled = await operator.PATCH('/surveys/{id}', {
      params: { path, header: { 'If-Match': created.response.headers.get('etag') ?? '' } },
      body: { title: 'Survei Kebutuhan Uji (diubah)' },
    });
    expect(retitled.response.status).toBe(200);
    expect(retitled.data?.draft?.title).toBe('Survei Kebutuhan Uji (diubah)');
    expect((await operator.POST('/surveys/{id}/publish', { params: { path } })).response.status).toBe(200);

    const started = await operator.POST('/surveys/{id}/versions', { params: { path } });
    expect(started.response.status).toBe(200);
    expect(started.data?.draft?.version).toBe(2);
    const edited = await operator.PATCH('/surveys/{id}', {
      params: { path, header: { 'If-Match': started.response.headers.get('etag') ?? '' } },
      body: {
        questions: [
          ...surveyInput().questions,
          { key: 'omzet', kind: 'number', label: { id: 'Omzet (juta)' }, min: 0, max: 1000 },
        ],
      },
    });
    expect(edited.response.status).toBe(200);
    expect((await operator.POST('/surveys/{id}/publish', { params: { path } })).response.status).toBe(200);
    expect((await operator.GET('/surveys/{id}', { params: { path } })).data?.current?.version).toBe(2);
  });
});
