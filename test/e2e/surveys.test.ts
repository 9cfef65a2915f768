import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { devIssuer } from '../../lib/local/issuer.ts';
import { registration } from '../helpers/businesses.ts';
import { answersFor, surveyInput } from '../helpers/surveys.ts';

const api = inject('apiUrl');
const issuer = await devIssuer(join(inject('localDir'), 'dev-issuer.json'));
const ownerA = await issuer.sign({ role: 'owner', sub: 'e2e-survey-owner-a' });
const ownerB = await issuer.sign({ role: 'owner', sub: 'e2e-survey-owner-b' });
const operator = await issuer.sign({ role: 'operator', sub: 'e2e-survey-operator' });

const call = async (method: string, path: string, token: string, body?: unknown) => {
  const response = await fetch(`${api}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, json: (): any => JSON.parse(text) };
};

const newSurvey = async () => {
  const created = await call('POST', '/surveys', operator, surveyInput());
  expect(created.status).toBe(201);
  const { id } = created.json();
  expect((await call('POST', `/surveys/${id}/publish`, operator)).status).toBe(200);
  return id as string;
};

describe('needs surveys over HTTP', () => {
  it('an owner answers an open survey and an operator reads the live results', async () => {
    const business = (await call('POST', '/businesses', ownerA, registration())).json().id;
    const survey = await newSurvey();
    const open = await call('GET', `/surveys/open?businessId=${business}`, ownerA);
    expect(open.status).toBe(200);
    const offered = open.json().items.find((item: { id: string }) => item.id === survey);
    expect(offered).toMatchObject({ version: 1, response: null });
    const path = `/businesses/${business}/surveys/${survey}/response`;
    expect((await call('PUT', path, ownerA, { version: 1, answers: answersFor() })).status).toBe(200);
    expect((await call('GET', path, ownerA)).json()).toMatchObject({ answers: { urgensi: 4 } });
    const results = await call('GET', `/surveys/${survey}/results`, operator);
    expect(results.status).toBe(200);
    expect(results.json()).toMatchObject({
      respondents: 1,
      byKecamatan: [{ kecamatan: '32.75.01', respondents: 1 }],
    });
    const csv = await call('GET', `/surveys/${survey}/responses?format=csv`, operator);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.text).toContain(business);
    expect(csv.text).not.toMatch(/\d{16}|@example\.com|\+628/);
    const data = (await call('GET', '/me/data', ownerA)).json();
    expect(data.surveyResponses).toEqual(
      expect.arrayContaining([expect.objectContaining({ surveyId: survey })]),
    );
  });

  it('answers 409 on a closed survey and 404 on another owner’s business', async () => {
    const business = (await call('POST', '/businesses', ownerA, registration())).json().id;
    const survey = await newSurvey();
    const path = `/businesses/${business}/surveys/${survey}/response`;
    expect((await call('PUT', path, ownerB, { version: 1, answers: answersFor() })).status).toBe(404);
    expect((await call('GET', path, ownerB)).status).toBe(404);
    expect((await call('GET', `/surveys/open?businessId=${business}`, ownerB)).status).toBe(404);
    expect((await call('POST', `/surveys/${survey}/close`, operator)).status).toBe(200);
    const closed = await call('PUT', path, ownerA, { version: 1, answers: answersFor() });
    expect(closed.status).toBe(409);
    expect(closed.headers.get('content-type')).toBe('application/problem+json');
  });

  it('answers 403 to an owner on the operators’ survey routes', async () => {
    const survey = await newSurvey();
    for (const [method, path] of [
      ['GET', '/surveys'],
      ['POST', '/surveys'],
      ['GET', `/surveys/${survey}`],
      ['GET', `/surveys/${survey}/results`],
      ['GET', `/surveys/${survey}/responses`],
      ['POST', `/surveys/${survey}/close`],
      ['GET', '/survey-templates'],
    ] as const) {
      expect(
        (await call(method, path, ownerA, method === 'POST' ? {} : undefined)).status,
        `${method} ${path}`,
      ).toBe(403);
    }
  });

  it('serves the Kebutuhan UMKM template, published in the demo data, and lets operators copy it', async () => {
    const list = (await call('GET', '/surveys?status=published&limit=100', operator)).json();
    expect(list.items.map((item: { title: string }) => item.title)).toContain('Kebutuhan UMKM');
    const copy = await call('POST', '/survey-templates/kebutuhan-umkm/copy', operator, {
      opensAt: '2027-01-01',
      closesAt: '2027-01-31',
    });
    expect(copy.status).toBe(201);
    expect(copy.json()).toMatchObject({
      status: 'draft',
      template: 'kebutuhan-umkm',
      draft: { title: 'Kebutuhan UMKM' },
    });
  });
});
