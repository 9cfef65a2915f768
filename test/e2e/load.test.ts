import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { devIssuer } from '../../lib/local/issuer.ts';
import { randomNib, registration } from '../helpers/businesses.ts';
import { apiClient } from '../helpers/client.ts';
import { answersFor, surveyInput } from '../helpers/surveys.ts';

/**
 * A bounded load test on loopback: concurrent registrations (some racing for the same NIB), survey
 * answers, business reads and public event reads for a fixed time; then the counters must match a
 * recount of the records.
 */
const issuer = await devIssuer(join(inject('localDir'), 'dev-issuer.json'));
const operator = apiClient(await issuer.sign({ role: 'operator', sub: 'load-operator' }));
const anyone = apiClient();
const DURATION_MS = Number(process.env.LOAD_SECONDS ?? 6) * 1000;
const CONCURRENCY = 12;

const getStats = async () => (await operator.GET('/stats/businesses')).data!;

async function recount(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let cursor: string | undefined;
  do {
    const page = (
      await operator.GET('/businesses', { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } } })
    ).data!;
    for (const item of page.items) counts.set(item.kecamatan, (counts.get(item.kecamatan) ?? 0) + 1);
    cursor = page.cursor;
  } while (cursor);
  return counts;
}

describe('load on the local server', () => {
  it('answers no 5xx under concurrent writes and reads, and its counters match a recount', async () => {
    const owners = await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, index) =>
        apiClient(await issuer.sign({ role: 'owner', sub: `load-owner-${index}` })),
      ),
    );
    const sharedNib = randomNib();
    const survey = (await operator.POST('/surveys', { body: surveyInput() })).data!;
    const published = await operator.POST('/surveys/{id}/publish', { params: { path: { id: survey.id } } });
    expect(published.response.status).toBe(200);
    const answered = new Set<string>();
    const statuses = new Map<number, number>();
    const ids: string[] = [];
    const deadline = Date.now() + DURATION_MS;
    let requests = 0;

    async function worker(index: number) {
      const owner = owners[index] ?? anyone;
      const mine: string[] = [];
      for (let step = 0; Date.now() < deadline; step++) {
        let response: Response;
        if (step % 3 === 0) {
          const kecamatan = `32.75.0${1 + (step % 6)}`;
          const created = await owner.POST('/businesses', {
            body: registration({
              nib: step % 12 === 0 ? sharedNib : randomNib(),
              address: { ...registration().address, kecamatan, kelurahan: `${kecamatan}.1001` },
            }),
          });
          response = created.response;
          if (created.data) {
            ids.push(created.data.id);
            mine.push(created.data.id);
          }
        } else if (step % 6 === 1 && mine.length > 0) {
          // Answer (or change the answer) for one of this owner's businesses.
          const business = mine[step % mine.length] ?? '';
          ({ response } = await owner.PUT('/businesses/{id}/surveys/{surveyId}/response', {
            params: { path: { id: business, surveyId: survey.id } },
            body: { version: 1, answers: answersFor({ urgensi: 1 + (step % 5) }) },
          }));
          if (response.status === 200) answered.add(business);
        } else if (step % 3 === 1 && ids.length > 0) {
          ({ response } = await operator.GET('/businesses/{id}', {
            params: { path: { id: ids[step % ids.length] ?? '' } },
          }));
        } else {
          ({ response } = await anyone.GET('/events', { params: { query: { limit: 20 } } }));
        }
        requests++;
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      }
    }

    await Promise.all(Array.from({ length: CONCURRENCY }, (_, index) => worker(index)));
    const serverErrors = [...statuses].filter(([status]) => status >= 500);
    expect(serverErrors, JSON.stringify(Object.fromEntries(statuses))).toEqual([]);
    expect(requests).toBeGreaterThan(50);
    expect(statuses.get(201) ?? 0).toBeGreaterThan(0);
    // The NIB everyone raced for was registered once, or the 409s say why not.
    expect((statuses.get(409) ?? 0) + (statuses.get(201) ?? 0)).toBeGreaterThan(0);

    const [stats, recounted] = await Promise.all([getStats(), recount()]);
    const fromCounters = new Map<string, number>();
    for (const row of stats.byArea)
      fromCounters.set(row.kecamatan, (fromCounters.get(row.kecamatan) ?? 0) + row.count);
    expect(fromCounters).toEqual(recounted);
    expect(stats.total).toBe([...recounted.values()].reduce((sum, count) => sum + count, 0));
    const results = await operator.GET('/surveys/{id}/results', { params: { path: { id: survey.id } } });
    expect(answered.size).toBeGreaterThan(0);
    expect(results.data?.respondents).toBe(answered.size);
    process.stdout.write(
      `load: ${requests} requests in ${DURATION_MS / 1000} s, statuses ${JSON.stringify(Object.fromEntries(statuses))}\n`,
    );
  }, 60_000);
});
