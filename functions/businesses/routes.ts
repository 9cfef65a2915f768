import { defineRoute } from '../shared/route.ts';
import { BusinessIdPath } from './id-path.ts';
import { ListBusinessesQuery, Verification } from './schemas.ts';

/* Business routes that do not take a whole registration (those are in registration-routes.ts). */

export const listMyBusinesses = defineRoute({
  id: 'listMyBusinesses',
  method: 'GET',
  path: '/me/businesses',
  handler: 'businesses/list-my-businesses.ts',
  access: 'owner',
  tag: 'Businesses',
  summary: 'The caller’s businesses, newest first',
  request: {},
  response: { status: 200, description: 'The caller’s businesses' },
  table: { actions: ['Query'], indexes: ['GSI1'] },
});

export const getBusiness = defineRoute({
  id: 'getBusiness',
  method: 'GET',
  path: '/businesses/{id}',
  handler: 'businesses/get-business.ts',
  access: 'owner',
  tag: 'Businesses',
  summary: 'One business (its owner, or an operator: each operator read is recorded for the owner)',
  request: { path: BusinessIdPath },
  response: { status: 200, description: 'The business', headers: ['ETag', 'Cache-Control'] },
  errors: [404],
  table: { actions: ['GetItem', 'PutItem'] },
});

export const deleteBusiness = defineRoute({
  id: 'deleteBusiness',
  method: 'DELETE',
  path: '/businesses/{id}',
  handler: 'businesses/delete-business.ts',
  access: 'owner',
  tag: 'Businesses',
  summary:
    'Erase a business and every piece of personal data tied to it, survey responses included (its owner; UU PDP)',
  request: { path: BusinessIdPath },
  response: { status: 204, description: 'Erased' },
  ifMatch: 'optional',
  errors: [404],
  identitySecret: true,
  table: { actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheckItem'] },
});

export const listBusinesses = defineRoute({
  id: 'listBusinesses',
  method: 'GET',
  path: '/businesses',
  handler: 'businesses/list-businesses.ts',
  access: 'operator',
  tag: 'Businesses',
  summary: 'Businesses newest first, filtered and paged (operators); NIK masked',
  request: { query: ListBusinessesQuery },
  response: {
    status: 200,
    description: 'One page; pass `cursor` back for the next',
    headers: ['Cache-Control'],
  },
  table: { actions: ['Query'], indexes: ['GSI2', 'GSI3', 'GSI4'] },
});

export const verifyBusiness = defineRoute({
  id: 'verifyBusiness',
  method: 'POST',
  path: '/businesses/{id}/verification',
  handler: 'businesses/verify-business.ts',
  access: 'operator',
  tag: 'Businesses',
  summary:
    'Decide on a registration and/or its claimed certifications (operators); kept as history; needs If-Match with the reviewed version',
  request: { path: BusinessIdPath, body: Verification },
  response: { status: 200, description: 'The business after the decision', headers: ['ETag'] },
  ifMatch: 'required',
  errors: [404],
  table: { actions: ['GetItem', 'PutItem', 'UpdateItem'] },
});

export const businessStats = defineRoute({
  id: 'businessStats',
  method: 'GET',
  path: '/stats/businesses',
  handler: 'businesses/business-stats.ts',
  access: 'operator',
  tag: 'Businesses',
  summary: 'Registrations per kecamatan × size class × status, and per sector × status (operators)',
  request: {},
  response: { status: 200, description: 'Counts kept on every write' },
  table: { actions: ['Query'] },
});
