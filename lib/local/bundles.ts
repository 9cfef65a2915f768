import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * `LOCAL_BUNDLES=<cdk.out>`: the local runtime imports each function from the bundle `cdk synth` wrote for
 * it (the file Lambda receives: minified, with the SDK and the shims of `lib/shims/` inside) instead of
 * its TypeScript module, so that the end-to-end suite proves the deployed code (`npm run test:bundles`).
 *
 * A bundle is found by its entry point: every function is bundled with esbuild's metafile
 * (`lib/function.ts`), which `cdk synth` keeps beside the bundle as `index.meta.json` and which names the
 * handler module the bundle was built from. No map to keep: a route or worker row added later is found
 * the same way.
 */
const functionsDir = fileURLToPath(new URL('../../functions/', import.meta.url));
const projectDir = fileURLToPath(new URL('../../', import.meta.url));

interface Metafile {
  outputs: Record<string, { entryPoint?: string }>;
}

const indexes = new Map<string, Map<string, string>>();

/** Handler module (relative to `functions/`) → its bundle's file, for every asset in `cdkOut`. */
export function bundleIndex(cdkOut: string): Map<string, string> {
  const directory = resolve(cdkOut);
  let index = indexes.get(directory);
  if (index) return index;
  index = new Map();
  for (const asset of readdirSync(directory).filter((name) => name.startsWith('asset.'))) {
    const metafile = join(directory, asset, 'index.meta.json');
    if (!existsSync(metafile)) continue;
    const { outputs } = JSON.parse(readFileSync(metafile, 'utf8')) as Metafile;
    for (const [output, { entryPoint }] of Object.entries(outputs)) {
      if (!entryPoint || !output.endsWith('.mjs')) continue;
      // esbuild names the entry point relative to the directory it ran in (the project's).
      const module = relative(functionsDir, resolve(projectDir, entryPoint)).split('\\').join('/');
      if (!module.startsWith('..')) index.set(module, join(directory, asset, 'index.mjs'));
    }
  }
  if (index.size === 0) throw new Error(`LOCAL_BUNDLES: no function bundles in ${directory} (npm run synth)`);
  indexes.set(directory, index);
  return index;
}

/**
 * Where to import a function's handler from: its bundle when `LOCAL_BUNDLES` is set (a function without
 * one fails loudly), its TypeScript module otherwise.
 */
export function functionModuleUrl(handler: string): string {
  const cdkOut = process.env.LOCAL_BUNDLES;
  if (!cdkOut) return pathToFileURL(join(functionsDir, handler)).href;
  const bundle = bundleIndex(cdkOut).get(handler);
  if (!bundle) throw new Error(`LOCAL_BUNDLES: no bundle of functions/${handler} in ${cdkOut}`);
  return pathToFileURL(bundle).href;
}
