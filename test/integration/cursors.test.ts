import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalTable } from '../helpers/local-table.ts';
import {
  LIST_FIXTURES,
  listPage,
  listRoutes,
  openCursor,
  sealCursor,
  type ListFixture,
} from '../helpers/cursors.ts';
import type { Invoked } from '../helpers/invoke.ts';
import type { AnyRoute } from '../../functions/shared/route.ts';

/**
 * Paging cursors on every list route of the manifest, against DynamoDB Local: a real cursor continues its
 * own list; replayed with other filters, on another list, or edited to point outside the query's range,
 * it is a 400 naming `cursor`, never a 500 (DynamoDB's ValidationException).
 */
beforeAll(async () => {
  await useLocalTable('it-cursors', { WEB_URL: 'https://umkm.test' });
});

const lists = listRoutes();
const fixtures = new Map<string, ListFixture>();
const cursors = new Map<string, string>();

function expectCursorRefused(route: AnyRoute, response: Invoked, what: string) {
  expect(response.status, `${route.id}: ${what}: ${response.body?.slice(0, 300)}`).toBe(400);
  if (route.response.mediaType !== 'text/html')
    expect(response.json().errors.map((error: { path: string }) => error.path)).toContain('cursor');
}

describe('paging cursors', () => {
  it('has a fixture for every list route in the manifest', () => {
    expect(lists.length).toBeGreaterThanOrEqual(7);
    expect(lists.map((route) => route.id).filter((id) => !(id in LIST_FIXTURES))).toEqual([]);
  });

  beforeAll(async () => {
    for (const route of lists) {
      const fixture = LIST_FIXTURES[route.id]?.();
      if (!fixture) continue;
      await fixture.seed();
      fixtures.set(route.id, fixture);
      const first = await listPage(route, fixture, fixture.first);
      expect(first.status, first.body).toBe(200);
      const cursor = fixture.cursorOf(first);
      expect(cursor, `${route.id} gave no cursor`).toEqual(expect.any(String));
      cursors.set(route.id, cursor ?? '');
    }
  }, 180_000);

  for (const route of lists) {
    describe(`${route.method} ${route.path}`, () => {
      it('continues its own list with its cursor', async () => {
        const fixture = fixtures.get(route.id)!;
        const next = await listPage(route, fixture, fixture.first, cursors.get(route.id));
        expect(next.status, next.body).toBe(200);
      });

      it('refuses its cursor with other filters (400 naming cursor)', async () => {
        const fixture = fixtures.get(route.id)!;
        for (const other of fixture.others)
          expectCursorRefused(route, await listPage(route, fixture, other, cursors.get(route.id)), other);
      });

      it("refuses every other list's cursor", async () => {
        const fixture = fixtures.get(route.id)!;
        for (const [id, cursor] of cursors) {
          if (id === route.id) continue;
          // The public list and the agenda page are one list (both read upcoming events).
          if ([id, route.id].every((name) => name === 'listEvents' || name === 'agendaPage')) continue;
          expectCursorRefused(
            route,
            await listPage(route, fixture, fixture.first, cursor),
            `cursor of ${id}`,
          );
        }
      });

      it('refuses its cursor edited to point elsewhere, with the digest kept (400, never 500)', async () => {
        const fixture = fixtures.get(route.id)!;
        const { s, k } = openCursor(cursors.get(route.id)!);
        const edits: Record<string, unknown>[] = [];
        for (const name of Object.keys(k)) {
          for (const value of ['0', '~', '', '#', 'x'.repeat(301), '\uD800', 7, null, ['a']])
            edits.push({ ...k, [name]: value });
          const { [name]: _dropped, ...without } = k;
          edits.push(without);
        }
        edits.push({ ...k, extra: 'x' }, {});
        for (const edited of edits) {
          const response = await listPage(route, fixture, fixture.first, sealCursor({ s, k: edited }));
          expectCursorRefused(route, response, JSON.stringify(edited).slice(0, 80));
        }
        for (const body of [{ k }, { s }, { s: 'x', k }, [s, k], 'x', 1]) {
          const response = await listPage(route, fixture, fixture.first, sealCursor(body));
          expectCursorRefused(route, response, JSON.stringify(body).slice(0, 80));
        }
        for (const raw of ['x', '%%%', 'e30', '!', 'a'.repeat(900)])
          expectCursorRefused(route, await listPage(route, fixture, fixture.first, raw), raw);
      });

      it('moves a cursor key onto another partition or outside the range: 400, never 500', async () => {
        const fixture = fixtures.get(route.id)!;
        const { s, k } = openCursor(cursors.get(route.id)!);
        for (const [name, value] of Object.entries(k)) {
          if (typeof value !== 'string') continue;
          for (const moved of [`${value}~`, value.slice(0, -1), value.replace(/\d/, '9'), `0${value}`]) {
            const response = await listPage(
              route,
              fixture,
              fixture.first,
              sealCursor({ s, k: { ...k, [name]: moved } }),
            );
            expect(
              response.status,
              `${route.id} ${name}=${moved}: ${response.body?.slice(0, 200)}`,
            ).toBeLessThan(500);
          }
        }
      });
    });
  }
});
