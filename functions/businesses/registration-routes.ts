import { defineRoute } from '../shared/route.ts';
import { RegisterBusiness, UpdateBusiness } from './registration-schemas.ts';
import { BusinessIdPath } from './id-path.ts';

/*
 * The two routes that take a whole registration: kept apart from the other business routes so that only
 * their bundles carry the registration schemas.
 */

export const registerBusiness = defineRoute({
  id: 'registerBusiness',
  method: 'POST',
  path: '/businesses',
  handler: 'businesses/register-business.ts',
  // City-wide, registrations come a few a minute; a flood is a bot.
  throttle: { rateLimit: 10, burstLimit: 20 },
  access: 'owner',
  tag: 'Businesses',
  summary: 'Register a business (owner); it starts pending verification',
  request: { body: RegisterBusiness },
  response: { status: 201, description: 'Registered', headers: ['Location', 'ETag'] },
  errors: [409, 422],
  identitySecret: true,
  table: { actions: ['PutItem', 'UpdateItem'] },
});

export const updateBusiness = defineRoute({
  id: 'updateBusiness',
  method: 'PATCH',
  path: '/businesses/{id}',
  handler: 'businesses/update-business.ts',
  access: 'owner',
  tag: 'Businesses',
  summary:
    'Change declared fields (owner or operator); each field sent replaces its whole value; needs If-Match',
  request: { path: BusinessIdPath, body: UpdateBusiness },
  response: { status: 200, description: 'The changed business', headers: ['ETag'] },
  ifMatch: 'required',
  errors: [404, 409, 422],
  identitySecret: true,
  table: { actions: ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'] },
});
