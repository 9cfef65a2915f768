import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../lib/openapi.ts';
import { packageVersion } from '../../lib/package-info.ts';
import { clientTypes } from '../../lib/typescript-client.ts';

describe('the typed TypeScript client', () => {
  it('is committed up to date with the document (run `npm run openapi`)', async () => {
    const committed = readFileSync(new URL('../../clients/typescript/schema.d.ts', import.meta.url), 'utf8');
    const fresh = await clientTypes(JSON.parse(JSON.stringify(openApiDocument(packageVersion))) as object);
    expect(committed === fresh, 'clients/typescript/schema.d.ts is stale: run `npm run openapi`').toBe(true);
  }, 30_000);

  it('shows in the README the example that is compiled with the repository (clients/typescript/example.ts)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const example = readFileSync(new URL('../../clients/typescript/example.ts', import.meta.url), 'utf8');
    const shown = /```ts\n(import \{ createUmkmClient \}[^\n]*\n[\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const body = (code: string) =>
      code
        .split('\n')
        .filter((line) => !line.startsWith('import ') && !line.startsWith('/*'))
        .join('\n')
        .trim();
    expect(shown, 'the README’s client example').not.toBe('');
    expect(body(shown)).toBe(body(example));
  });
});
