import { writeFileSync } from 'node:fs';
import { openApiDocument } from '../lib/openapi.ts';
import { packageVersion } from '../lib/package-info.ts';
import { clientTypes } from '../lib/typescript-client.ts';

/**
 * Writes `docs/openapi.json` from the route manifest, and the typed client's types generated from it
 * (`clients/typescript/schema.d.ts`). A test fails when either committed copy is stale.
 */
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write(
    'Usage: npm run openapi\n\nWrites docs/openapi.json from the route manifest and the typed client\n' +
      'clients/typescript/schema.d.ts from it. Takes no options.\n',
  );
  process.exit(0);
}
const document = openApiDocument(packageVersion);
const target = new URL('../docs/openapi.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(document, null, 2)}\n`);
process.stdout.write(`wrote ${target.pathname}\n`);
const types = new URL('../clients/typescript/schema.d.ts', import.meta.url);
writeFileSync(types, await clientTypes(JSON.parse(JSON.stringify(document)) as object));
process.stdout.write(`wrote ${types.pathname}\n`);
