import { defineRoute } from '../shared/route.ts';
import { ImportIdPath, ListImportsQuery, StartImportBody, TemplateQuery } from './schemas.ts';
import { XLSX_TYPE } from './template.ts';

/** The bulk import's routes (operators only); the work itself is done by the worker rows importPlanner and importWorker. */
const TAG = 'Imports';

export const startImport = defineRoute({
  id: 'startImport',
  method: 'POST',
  path: '/imports',
  handler: 'imports/start-import.ts',
  access: 'operator',
  tag: TAG,
  summary:
    'Start an import of CSV or XLSX records: answers the job and a presigned PUT (30 minutes); the upload itself starts the import',
  request: { body: StartImportBody },
  response: {
    status: 201,
    description: 'The import, waiting for its file, and where to upload it',
    headers: ['Location'],
  },
  table: { actions: ['PutItem'] },
  storage: [{ prefix: 'importUploads', access: ['write'] }],
});

export const listImports = defineRoute({
  id: 'listImports',
  method: 'GET',
  path: '/imports',
  handler: 'imports/list-imports.ts',
  access: 'operator',
  tag: TAG,
  summary: 'Imports, newest first, with their state and counters; paged',
  request: { query: ListImportsQuery },
  response: { status: 200, description: 'One page of imports' },
  table: { actions: ['Query'], indexes: ['GSI1'] },
});

export const importTemplate = defineRoute({
  id: 'importTemplate',
  method: 'GET',
  path: '/imports/template',
  handler: 'imports/import-template.ts',
  access: 'operator',
  tag: TAG,
  summary:
    'The import template: the header row in Indonesian with every column the import understands, and one example row (csv or xlsx)',
  request: { query: TemplateQuery },
  response: {
    status: 200,
    description: 'The template file',
    mediaType: 'text/csv',
    alternatives: [XLSX_TYPE],
    headers: ['Content-Disposition'],
  },
});

export const getImport = defineRoute({
  id: 'getImport',
  method: 'GET',
  path: '/imports/{id}',
  handler: 'imports/get-import.ts',
  access: 'operator',
  tag: TAG,
  summary: 'One import’s progress: state, rows read, imported, matched, conflicts, rejected, loosely matched',
  request: { path: ImportIdPath },
  response: { status: 200, description: 'The import' },
  errors: [404],
  table: { actions: ['GetItem'] },
});

export const getImportReport = defineRoute({
  id: 'getImportReport',
  method: 'GET',
  path: '/imports/{id}/report',
  handler: 'imports/get-import-report.ts',
  access: 'operator',
  tag: TAG,
  summary:
    'A presigned link (15 minutes) to the row report, a CSV of row, outcome, reason and record, once the import is done (409 before)',
  request: { path: ImportIdPath },
  response: { status: 200, description: 'Where to download the report' },
  errors: [404, 409],
  table: { actions: ['GetItem'] },
  storage: [{ prefix: 'importReports', access: ['read'] }],
});
