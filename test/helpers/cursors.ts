import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import type { RunRecord } from '../../functions/digest/model.ts';
import { newId } from '../../functions/shared/ids.ts';
import { routes } from '../../functions/routes.ts';
import type { AnyRoute } from '../../functions/shared/route.ts';
import { registration } from './businesses.ts';
import { eventInput } from './events.ts';
import { invoke, operatorClaims, ownerClaims, type Invoked } from './invoke.ts';
import { surveyInput } from './surveys.ts';

/*
 * Every list route of the manifest, with the data it needs to give out a cursor and the other filters a
 * cursor may be replayed with. Shared by the cursor suite and the fuzz suite (the table must be set up
 * before this module's functions run: they import handlers).
 */

type Handler = Parameters<typeof invoke>[0];
const operator = operatorClaims('cursor-operator');
const json = { 'content-type': 'application/json' };

/** The list routes: those whose query takes a `cursor`. */
export const listRoutes = (): AnyRoute[] =>
  routes.filter((route) => {
    const shape = (route.request.query as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def
      ?.shape;
    return shape !== undefined && 'cursor' in shape;
  });

const handlerOf = async (route: AnyRoute) =>
  ((await import(`../../functions/${route.handler}`)) as { handler: Handler }).handler;

export interface ListFixture {
  /** Creates what the list shows (twice as much as one page holds). */
  seed: () => Promise<void>;
  /** The path (with query) of the first page; a cursor is appended. */
  first: string;
  /** Path parameters of `first`. */
  pathParameters?: Record<string, string>;
  /** Other filters of the same list: a cursor from `first` is foreign to each. */
  others: string[];
  /** Where a page's cursor is: body `cursor`, a header, or a link in a page. */
  cursorOf: (response: Invoked) => string | undefined;
}

const bodyCursor = (response: Invoked) => response.json()?.cursor as string | undefined;

async function call(route: AnyRoute, path: string, pathParameters?: Record<string, string>) {
  const handler = await handlerOf(route);
  return invoke(handler, {
    method: route.method,
    path,
    routeKey: `${route.method} ${route.path}`,
    ...(pathParameters ? { pathParameters } : {}),
    ...(route.access === 'public' ? {} : { claims: route.access === 'operator' ? operator : ownerClaims() }),
  });
}

async function send(module: string, method: string, path: string, body?: unknown, id?: string) {
  const { handler } = (await import(`../../functions/${module}`)) as { handler: Handler };
  const response = await invoke(handler, {
    method,
    path,
    routeKey: 'X',
    ...(id ? { pathParameters: { id } } : {}),
    headers: json,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    claims: operator,
  });
  expect(response.status, response.body).toBeLessThan(300);
  return response.json() as { id: string };
}

async function publishedEvents(count: number) {
  for (let index = 0; index < count; index++) {
    const { id } = await send('events/create-event.ts', 'POST', '/events', eventInput({}, 20 + index));
    await send('events/publish-event.ts', 'POST', `/events/${id}/publish`, undefined, id);
  }
}

/** Answers to one survey (written as the answer route stores them), and another survey: their ids. */
async function seedAnswers(): Promise<[string, string]> {
  const survey = (await send('surveys/create-survey.ts', 'POST', '/surveys', surveyInput())).id;
  const other = (await send('surveys/create-survey.ts', 'POST', '/surveys', surveyInput())).id;
  const items = Array.from({ length: 6 }, () => newId()).map((businessId) => ({
    PutRequest: {
      Item: {
        PK: `BUSINESS#${businessId}`,
        SK: `RESPONSE#${survey}`,
        GSI2PK: `SURVEY#${survey}#RESPONSES`,
        GSI2SK: businessId,
        businessId,
        surveyId: survey,
        ownerSub: 'cursor-owner',
        version: 1,
        answers: { urgensi: 3 },
        kinds: { urgensi: 'scale' },
        cell: { kecamatan: '32.75.01', sector: 'kuliner', sizeClass: 'mikro' },
        revision: 1,
        answeredAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
      },
    },
  }));
  // Loaded here, not at the top: the functions' table is chosen by the test file before they load.
  const { ddb, tableName } = await import('../../functions/shared/db.ts');
  await ddb.send(new BatchWriteCommand({ RequestItems: { [tableName]: items } }));
  return [survey, other];
}

async function seedRuns() {
  const { createRun } = await import('../../functions/digest/run-store.ts');
  for (const week of ['2026-W01', '2026-W02', '2026-W03', '2026-W04']) {
    const run: RunRecord = {
      runId: week,
      week,
      state: 'done',
      scheduledAt: '2026-01-01T00:00:00.000Z',
      startedAt: '2026-01-01T00:00:00.000Z',
      shardCount: 16,
      shardsDone: 16,
      batchesPlanned: 0,
      batchesDone: 0,
      events: 0,
      cancellations: 0,
      planned: 0,
      sent: 0,
      failed: 0,
      suppressed: 0,
      skipped: 0,
    };
    await createRun(run);
  }
}

/** The agenda page links its next page as `?…cursor=…`. */
const pageCursor = (response: Invoked) => {
  const link = /[?&;]cursor=([\w-]+)/.exec(response.body ?? '');
  return link?.[1];
};

export const LIST_FIXTURES: Record<string, () => ListFixture> = {
  listBusinesses: () => ({
    seed: async () => {
      const { handler } = (await import('../../functions/businesses/register-business.ts')) as {
        handler: Handler;
      };
      for (let index = 0; index < 4; index++) {
        const response = await invoke(handler, {
          method: 'POST',
          path: '/businesses',
          headers: json,
          body: JSON.stringify(registration()),
          claims: ownerClaims(`cursor-owner-${index}`),
        });
        expect(response.status, response.body).toBe(201);
      }
    },
    first: '/businesses?limit=1',
    others: [
      '/businesses?limit=1&sector=kuliner',
      '/businesses?limit=1&status=pending',
      '/businesses?limit=1&kecamatan=32.75.01',
    ],
    cursorOf: bodyCursor,
  }),
  listEvents: () => ({
    seed: () => publishedEvents(3),
    first: '/events?limit=1',
    others: ['/events?limit=1&type=bazar', '/events?limit=1&from=2026-01-01T00:00:00%2B07:00'],
    cursorOf: bodyCursor,
  }),
  listManagedEvents: () => ({
    seed: () => publishedEvents(3),
    first: '/manage/events?status=published&limit=1',
    others: [
      '/manage/events?status=draft&limit=1',
      '/manage/events?status=published&limit=1&to=2099-01-01T00:00:00%2B07:00',
    ],
    cursorOf: bodyCursor,
  }),
  agendaPage: () => ({
    seed: () => publishedEvents(22),
    first: '/agenda',
    others: ['/agenda?type=bazar', '/agenda?kecamatan=32.75.01'],
    cursorOf: pageCursor,
  }),
  listSurveys: () => ({
    seed: async () => {
      for (let index = 0; index < 3; index++)
        await send('surveys/create-survey.ts', 'POST', '/surveys', surveyInput());
    },
    first: '/surveys?limit=1',
    others: ['/surveys?limit=1&status=draft'],
    cursorOf: bodyCursor,
  }),
  exportSurveyResponses: () => {
    const fixture: ListFixture = {
      seed: async () => {
        const [survey, other] = await seedAnswers();
        fixture.first = `/surveys/${survey}/responses?limit=2`;
        fixture.pathParameters = { id: survey };
        fixture.others = [`/surveys/${other}/responses?limit=2`];
      },
      first: '',
      others: [],
      cursorOf: (response) => response.headers['x-next-cursor'],
    };
    return fixture;
  },
  listImports: () => ({
    seed: async () => {
      for (let index = 0; index < 3; index++)
        await send('imports/start-import.ts', 'POST', '/imports', {
          fileName: `umkm-${index}.csv`,
          format: 'csv',
          source: 'Pendataan cursor',
        });
    },
    first: '/imports?limit=1',
    others: [],
    cursorOf: bodyCursor,
  }),
  listDigests: () => ({
    seed: seedRuns,
    first: '/digests?limit=1',
    others: [],
    cursorOf: bodyCursor,
  }),
};

/** Asks a list route for `path`, with `cursor` appended when given. */
export function listPage(route: AnyRoute, fixture: ListFixture, path: string, cursor?: string) {
  const separator = path.includes('?') ? '&' : '?';
  // A URL carries UTF-8: a lone surrogate arrives as U+FFFD, as it would from any HTTP client.
  const sent = cursor === undefined ? undefined : encodeURIComponent(Buffer.from(cursor).toString());
  const full = sent === undefined ? path : `${path}${separator}cursor=${sent}`;
  const pathParameters =
    path.startsWith('/surveys/') && fixture.pathParameters
      ? { id: path.split('/')[2] ?? '' }
      : fixture.pathParameters;
  return call(route, full, pathParameters);
}

/** The cursor a cursor is made of: the scope digest and the key. */
export const openCursor = (cursor: string) =>
  JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { s: string; k: Record<string, unknown> };
export const sealCursor = (body: unknown) => Buffer.from(JSON.stringify(body)).toString('base64url');
