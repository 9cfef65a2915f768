import { defineRoute } from '../shared/route.ts';
import { ExportBusinessesQuery, ExportIdPath } from './export-schemas.ts';

/*
 * The registry export: its own file so that its bundles carry only their own schemas. The answer's job
 * shape is attached for the OpenAPI document only (`functions/routes.ts`, from `export-openapi.ts`).
 */

export const exportBusinesses = defineRoute({
  id: 'exportBusinesses',
  method: 'GET',
  path: '/businesses/export',
  handler: 'businesses/export-businesses.ts',
  access: 'operator',
  tag: 'Businesses',
  summary:
    'The registry with the list’s filters (operators), as CSV or XLSX (`format`, or `Accept`): up to 2,000 rows of CSV as the answer, anything larger and every XLSX as an export job (202). NIK masked and no contact details unless `identity=true`, which is recorded as a read of each owner’s data; no cell starts a formula',
  request: { query: ExportBusinessesQuery },
  response: {
    status: 200,
    description: 'A CSV file (UTF-8 with BOM): the whole set, when it has at most 2,000 rows',
    mediaType: 'text/csv',
    headers: ['Content-Disposition', 'Cache-Control'],
    others: [
      {
        status: 202,
        description:
          'The set is larger than one answer, or XLSX was asked for: an export job was started. Follow `Location` (`GET /exports/{id}`) until it is `done` and has a download link.',
        headers: ['Location', 'Cache-Control'],
      },
    ],
  },
  table: { actions: ['Query', 'BatchWriteItem', 'PutItem'], indexes: ['GSI2', 'GSI3', 'GSI4'] },
});

export const getBusinessExport = defineRoute({
  id: 'getBusinessExport',
  method: 'GET',
  path: '/exports/{id}',
  handler: 'businesses/get-export.ts',
  access: 'operator',
  tag: 'Businesses',
  summary:
    'An export job the caller started (operators): its state and rows so far, and once done a 15-minute download link (asking again gives a fresh one until the file expires after a day)',
  request: { path: ExportIdPath },
  response: { status: 200, description: 'The export job', headers: ['Cache-Control'] },
  errors: [404],
  table: { actions: ['GetItem'] },
  storage: [{ prefix: 'exports', access: ['read'] }],
});
