import * as z from 'zod/mini';
import { defineRoute } from '../shared/route.ts';

export const getMe = defineRoute({
  id: 'getMe',
  method: 'GET',
  path: '/me',
  handler: 'me/get-me.ts',
  access: 'owner',
  tag: 'Account',
  summary: 'The signed-in account as the API sees it: its id and roles',
  request: {},
  response: {
    status: 200,
    description: 'The caller',
    schema: z.object({ sub: z.string(), roles: z.array(z.enum(['owner', 'operator'])) }),
  },
});

export const getMyData = defineRoute({
  id: 'getMyData',
  method: 'GET',
  path: '/me/data',
  handler: 'me/get-my-data.ts',
  subscriptionSecret: true,
  access: 'owner',
  tag: 'Account',
  summary: 'Everything held about the caller (UU PDP right of access), as JSON',
  request: {},
  response: { status: 200, description: 'The caller’s data' },
  table: { actions: ['GetItem', 'Query'], indexes: ['GSI1'] },
});
