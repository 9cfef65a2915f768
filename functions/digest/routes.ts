import * as z from 'zod/mini';
import { Page, pageQuery } from '../shared/paging.ts';
import { defineRoute } from '../shared/route.ts';
import { LANGUAGES } from '../subscriptions/schemas.ts';
import { KECAMATAN_CODE } from '../events/vocabulary.ts';
import { RunView } from './schemas.ts';
import { RUN_ID } from './week.ts';

const TAG = 'Digest';

export const listDigests = defineRoute({
  id: 'listDigests',
  method: 'GET',
  path: '/digests',
  handler: 'digest/list-digests.ts',
  access: 'operator',
  tag: TAG,
  summary: 'Weekly digest runs, newest first, with their state and counters; paged',
  request: {
    query: z.strictObject(pageQuery),
  },
  response: {
    status: 200,
    description: 'One page of runs',
    schema: Page(RunView),
  },
  table: { actions: ['Query'], indexes: ['GSI2'] },
});

export const getDigest = defineRoute({
  id: 'getDigest',
  method: 'GET',
  path: '/digests/{week}',
  handler: 'digest/get-digest.ts',
  access: 'operator',
  tag: TAG,
  summary: 'One digest run (an ISO week like 2026-W49, or a forced run’s id): state and counters',
  request: {
    path: z.strictObject({
      week: z.string().check(z.regex(RUN_ID, { error: 'Must be an ISO week like 2026-W49.' })),
    }),
  },
  response: { status: 200, description: 'The run', schema: RunView },
  errors: [404],
  table: { actions: ['GetItem'] },
});

export const previewDigest = defineRoute({
  id: 'previewDigest',
  method: 'GET',
  path: '/digests/preview',
  handler: 'digest/preview-digest.ts',
  access: 'operator',
  mailSettings: true,
  tag: TAG,
  summary:
    'This week’s digest HTML as a subscriber with this language and kecamatan would get it (text/html)',
  request: {
    query: z.strictObject({
      language: z.optional(z.enum(LANGUAGES)),
      kecamatan: z.optional(
        z.string().check(z.regex(KECAMATAN_CODE, { error: 'Must be a kecamatan code.' })),
      ),
    }),
  },
  response: { status: 200, description: 'A text/html document', mediaType: 'text/html' },
  table: { actions: ['Query'], indexes: ['GSI1', 'GSI2'] },
});
