import * as z from 'zod/mini';
import { defineRoute } from '../shared/route.ts';

export const Health = z.object({
  status: z.enum(['ok', 'degraded']),
  version: z.string(),
  stage: z.string(),
  table: z.enum(['ok', 'unreachable']),
});

export const getHealth = defineRoute({
  id: 'getHealth',
  method: 'GET',
  path: '/health',
  handler: 'health/get-health.ts',
  access: 'public',
  tag: 'Operations',
  summary: 'Version, stage, and whether the table answers',
  request: {},
  response: { status: 200, description: 'The service and its table answer', schema: Health },
  errors: [503],
  table: { actions: ['GetItem'] },
});
