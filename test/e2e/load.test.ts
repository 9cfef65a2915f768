import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { devIssuer } from '../../lib/local/issuer.ts';
import { randomNib, registration } from '../helpers/businesses.ts';
import { answersFor, surveyInput } from '../helpers/surveys.ts';

/**
 * A bounded load test on loopback: concurrent registrations (some racing for the same NIB), survey
 * answers, business reads and public event reads for a fixed time; then the counters must match a
 * recount of the records.
 */
const api = inject('apiUrl');
const issuer = await devIssuer(join(inject('localDir'), 'dev-issuer.json'));
const operator = await issuer.sign({ role: 'operator', sub: 'load-operator' });
const DURATION_MS = Number(process.env.LOAD_SECONDS ?? 6) * 1000;
const CONCURRENCY = 12;

type Stats = { total: number; byArea: { kecamatan: string; count: number }[] };
const json = async <T>(response: Response) => (await response.json()) as T;
const getStats = async () =>
  json<Stats>(await fetch(`${api}/stats/businesses`, { headers: { authorization: `Bearer ${operator}` } }));

async function recount(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let cursor: string | undefined;
  do {
    const page = await json<{ items: { kecamatan: string }[]; cursor?: string }>(
      await fetch(`${api}/businesses?limit=100${cursor ? `&cursor=${cursor}` : ''}`, {
        headers: { authorization: `Bearer ${operator}` },
      }),
    );
    for (const item of page.items) counts.set(item.kecamatan, (counts.get(item.kecamatan) ?? 0) + 1);
    cursor = page.cursor;
  } while (cursor);
  return counts;
}

describe('load on the local server', () => {
  it('answers no 5xx under concurrent writes and reads, and its counters match a recount', async () => {
    const owners = await Promise.all(
      Array.from({ length: CONCURRENCY }, (_, index) =>
        issuer.sign({ role: 'owner', sub: `load-owner-${index}` }),
      ),
    );
    const sharedNib = randomNib();
    const auth = { authorization: `Bearer ${operator}`, 'content-type': 'application/json' };
    const survey = await json<{ id: string }>(
      await fetch(`${api}/surveys`, { method: 'POST', headers: auth, body: JSON.stringify(surveyInput()) }),
    );
    await fetch(`${api}/surveys/${survey.id}/publish`, { method: 'POST', headers: auth });
    const answered = new Set<string>();
    const statuses = new Map<number, number>();
    const ids: string[] = [];
    const deadline = Date.now() + DURATION_MS;
    let requests = 0;

    async function worker(index: number) {
      const owner = owners[index] ?? '';
      const mine: string[] = [];
      for (let step = 0; Date.now() < deadline; step++) {
        let response: Response;
        if (step % 3 === 0) {
          const kecamatan = `32.75.0${1 + (step % 6)}`;
          response = await fetch(`${api}/businesses`, {
            method: 'POST',
            headers: { authorization: `Bearer ${owner}`, 'content-type': 'application/json' },
            body: JSON.stringify(
              registration({
                nib: step % 12 === 0 ? sharedNib : randomNib(),
                address: { ...registration().address, kecamatan, kelurahan: `${kecamatan}.1001` },
              }),
            ),
          });
          if (response.status === 201) {
            const { id } = await json<{ id: string }>(response);
            ids.push(id);
            mine.push(id);
          } else await response.arrayBuffer();
        } else if (step % 6 === 1 && mine.length > 0) {
          // Answer (or change the answer) for one of this owner's businesses.
          const business = mine[step % mine.length] ?? '';
          response = await fetch(`${api}/businesses/${business}/surveys/${survey.id}/response`, {
            method: 'PUT',
            headers: { authorization: `Bearer ${owner}`, 'content-type': 'application/json' },
            body: JSON.stringify({ version: 1, answers: answersFor({ urgensi: 1 + (step % 5) }) }),
          });
          if (response.status === 200) answered.add(business);
          await response.arrayBuffer();
        } else if (step % 3 === 1 && ids.length > 0) {
          response = await fetch(`${api}/businesses/${ids[step % ids.length]}`, {
            headers: { authorization: `Bearer ${operator}` },
          });
          await response.arrayBuffer();
        } else {
          response = await fetch(`${api}/events?limit=20`);
          await response.arrayBuffer();
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
    const results = await json<{ respondents: number }>(
      await fetch(`${api}/surveys/${survey.id}/results`, {
        headers: { authorization: `Bearer ${operator}` },
      }),
    );
    expect(answered.size).toBeGreaterThan(0);
    expect(results.respondents).toBe(answered.size);
    process.stdout.write(
      `load: ${requests} requests in ${DURATION_MS / 1000} s, statuses ${JSON.stringify(Object.fromEntries(statuses))}\n`,
    );
  }, 60_000);
});
