import { readFileSync } from 'node:fs';

/** The project's version from package.json: reported by `GET /health` and the OpenAPI document. */
export const packageVersion = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
