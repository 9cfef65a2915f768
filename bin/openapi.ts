import { writeFileSync } from 'node:fs';
import { openApiDocument } from '../lib/openapi.ts';
import { packageVersion } from '../lib/package-info.ts';

/** Writes `docs/openapi.json` from the route manifest (a test fails when the committed copy is stale). */
const target = new URL('../docs/openapi.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(openApiDocument(packageVersion), null, 2)}\n`);
process.stdout.write(`wrote ${target.pathname}\n`);
