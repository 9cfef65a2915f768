import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { createUmkmClient } from '../clients/typescript/index.ts';
import { formatOf, parseMapping, progressLine } from '../lib/local/import-cli.ts';
import { devIssuer } from '../lib/local/issuer.ts';
import { localEndpoints, scriptSetup } from '../lib/local/settings.ts';

/**
 * `npm run import -- FILE [--format csv|xlsx] [--source LABEL] [--mapping …] [--sheet NAME]`: runs an
 * import against the running local stack through its HTTP API, as a console would: POST /imports, PUT the
 * file to the presigned URL, follow GET /imports/{id} with a progress line on stderr, then save the row
 * report (GET /imports/{id}/report) and print the summary.
 */
const { values, settings } = scriptSetup(
  [
    'Usage: npm run import -- FILE [--format csv|xlsx] [--source LABEL] [--mapping MAP] [--sheet NAME]',
    '',
    'Imports the UMKM records in FILE (CSV or XLSX) into the running local backend (npm start), through',
    'its HTTP API as an operator, with a progress line on stderr; prints the summary and saves the row',
    'report (row, outcome, reason, record) under the data folder.',
    '  --format    csv or xlsx (default: from the extension)',
    '  --source    where the records come from; each record carries it (default: the file name)',
    '  --mapping   columns the import does not know: "Nama Dagang=name;No KTP=nik" or a JSON object',
    '  --sheet     for xlsx: the sheet to read (default: the first)',
    '',
    'A sample with realistic damage: test/fixtures/imports/sample-1000.csv (and .xlsx).',
  ].join('\n'),
  () => {
    const parsed = parseArgs({
      allowPositionals: true,
      options: {
        format: { type: 'string' },
        source: { type: 'string' },
        mapping: { type: 'string' },
        sheet: { type: 'string' },
      },
    });
    const [file, ...rest] = parsed.positionals;
    if (!file || rest.length > 0) throw new Error('Give exactly one FILE to import.');
    return {
      file,
      format: formatOf(file, parsed.values.format),
      mapping: parseMapping(parsed.values.mapping),
      source: parsed.values.source ?? `npm run import: ${basename(file)}`.slice(0, 100),
      sheet: parsed.values.sheet,
    };
  },
);

const fail = (message: string): never => {
  process.stderr.write(`${message}\n`);
  process.exit(1);
};

let bytes: Buffer;
try {
  bytes = readFileSync(values.file);
} catch (error) {
  fail(`Cannot read ${values.file}: ${(error as Error).message}`);
}
const { apiUrl } = localEndpoints(settings);
let token: string;
try {
  const issuer = await devIssuer(join(settings.directory, 'dev-issuer.json'));
  token = await issuer.sign({ role: 'operator', sub: 'local-import-cli', expiresIn: '12h' });
} catch {
  fail(`No local data in ${settings.directory}: start the local backend first (npm start).`);
}
const api = createUmkmClient(apiUrl, { token: () => token });

const started = await api
  .POST('/imports', {
    body: {
      fileName: basename(values.file).slice(0, 200),
      format: values.format,
      source: values.source,
      ...(values.mapping ? { mapping: values.mapping } : {}),
      ...(values.sheet ? { sheet: values.sheet } : {}),
    },
  })
  .catch(() => fail(`The local API does not answer at ${apiUrl}: start it first (npm start).`));
if (!started.data) fail(`POST /imports: ${JSON.stringify(started.error)}`);
const { import: job, upload } = started.data!;
process.stderr.write(`import ${job.id}: uploading ${bytes!.byteLength} bytes\n`);
const put = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: bytes! });
if (!put.ok) fail(`Upload refused by the S3 stand-in: HTTP ${put.status}`);

const terminal = process.stderr.isTTY;
let last = '';
let current: typeof job;
for (;;) {
  const { data, error } = await api.GET('/imports/{id}', { params: { path: { id: job.id } } });
  if (!data) fail(`GET /imports/${job.id}: ${JSON.stringify(error)}`);
  current = data!;
  const line = progressLine(current);
  if (line !== last) process.stderr.write(terminal ? `\r${line}` : `${line}\n`);
  last = line;
  if (current.state === 'done' || current.state === 'failed') break;
  await new Promise((resolve) => setTimeout(resolve, 500));
}
if (terminal) process.stderr.write('\n');

if (current.state === 'failed') fail(`The import failed: ${current.error ?? 'no reason given'}`);
const report = await api.GET('/imports/{id}/report', { params: { path: { id: job.id } } });
if (!report.data) fail(`GET /imports/${job.id}/report: ${JSON.stringify(report.error)}`);
const folder = join(settings.directory, 'import-reports');
mkdirSync(folder, { recursive: true });
const saved = join(folder, `${job.id}.csv`);
writeFileSync(saved, Buffer.from(await (await fetch(report.data!.url)).arrayBuffer()));
process.stdout.write(
  [
    `Import ${job.id} (${values.source}): done`,
    `  rows read       ${current.rowsRead}`,
    `  imported        ${current.imported}`,
    `  matched         ${current.matched}   (records on file already, left unchanged)`,
    `  conflicts       ${current.conflicts}   (claimed or edited records, never overwritten)`,
    `  rejected        ${current.rejected}`,
    `  loosely matched ${current.looseMatches}   (kecamatan/kelurahan by a spelling variant)`,
    `Row report: ${saved}`,
    `  (also GET /imports/${job.id}/report for a fresh link)`,
    '',
  ].join('\n'),
);
