import { defineRoute } from '../shared/route.ts';
import { ExportBusinessesQuery } from './export-schemas.ts';

/* The registry export: its own file so that its bundle carries only its own query schema. */

export const exportBusinesses = defineRoute({
  id: 'exportBusinesses',
  method: 'GET',
  path: '/businesses/export',
  handler: 'businesses/export-businesses.ts',
  access: 'operator',
  tag: 'Businesses',
  summary:
    'The registry as CSV with the list’s filters (operators): NIK masked and no contact details unless `identity=true`, which is recorded as a read of each owner’s data; no cell starts a formula',
  request: { query: ExportBusinessesQuery },
  response: { status: 200, description: 'A CSV file (UTF-8 with BOM)', mediaType: 'text/csv' },
  errors: [422],
  table: { actions: ['Query', 'BatchWriteItem'], indexes: ['GSI2', 'GSI3', 'GSI4'] },
  storage: [{ prefix: 'exports', access: ['write', 'read'] }],
});
