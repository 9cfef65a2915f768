import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { BUNDLE_TARGETS, type FunctionKind } from '../lib/bundle-budgets.ts';
import { lambdaEnvironment } from './lambda-env.ts';
import { median, round } from './stats.ts';
import type { FunctionBundle } from './synth.ts';
import type { SectionResult } from './section.ts';

const run = promisify(execFile);
const projectDir = join(import.meta.dirname, '..');

/** The reference every function is compared with: the SDK's DocumentClient and nothing else. */
const REFERENCE_SOURCE = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
export const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));`;

/**
 * Builds the reference bundle with esbuild's plain defaults (ESM, minified, bundled, platform node). One
 * addition: the `createRequire` banner every function bundle also carries, without which an ESM bundle
 * of the SDK's CommonJS build fails at load ("Dynamic require of node:https is not supported").
 */
async function buildReference(outdir: string): Promise<string> {
  const outfile = join(outdir, 'index.mjs');
  await build({
    stdin: { contents: REFERENCE_SOURCE, resolveDir: projectDir, loader: 'js', sourcefile: 'reference.mjs' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    outfile,
    logLevel: 'silent',
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
  });
  return outfile;
}

/** Runs in the fresh process: imports the bundle (its whole init) and prints how long that took. */
const IMPORT_SCRIPT =
  'const t=performance.now();await import(process.argv[1]);' +
  'process.stdout.write(JSON.stringify({ms:performance.now()-t,node:process.version}))';

async function importOnce(file: string, env: Record<string, string>): Promise<number> {
  const { stdout } = await run(
    process.execPath,
    ['--input-type=module', '-e', IMPORT_SCRIPT, pathToFileURL(file).href],
    { env, cwd: tmpdir() },
  );
  const result = JSON.parse(stdout) as { ms: number; node: string };
  if (!result.node.startsWith('v24.')) throw new Error(`bundles must load in Node 24, not ${result.node}`);
  return result.ms;
}

interface Candidate {
  name: string;
  kind: FunctionKind | 'reference';
  file: string;
  env: Record<string, string>;
}

const displayName = (logicalId: string) => logicalId.replace(/^Api/, '').replace(/[0-9A-F]{8}$/, '');

/**
 * Size and cold load of every bundle beside the reference. Rounds go over all bundles in turn
 * (round-robin) so that drift on a busy machine hits them all alike; a function's ratio is the median of
 * its per-round ratios to the reference.
 */
export async function coldLoad(functions: FunctionBundle[], rounds: number): Promise<SectionResult> {
  const referenceDir = mkdtempSync(join(tmpdir(), 'umkm-bench-reference-'));
  try {
    const candidates: Candidate[] = [
      {
        name: 'reference',
        kind: 'reference',
        file: await buildReference(referenceDir),
        env: lambdaEnvironment('reference', {}),
      },
      ...functions.map((fn) => ({
        name: displayName(fn.logicalId),
        kind: fn.kind,
        file: join(fn.dir, 'index.mjs'),
        env: lambdaEnvironment(fn.logicalId, fn.environment),
      })),
    ];
    const times = candidates.map(() => [] as number[]);
    // One untimed pass warms the file cache and checks that every bundle loads at all.
    for (const candidate of candidates) await importOnce(candidate.file, candidate.env);
    for (let roundNo = 0; roundNo < rounds; roundNo++) {
      for (const [index, candidate] of candidates.entries()) {
        times[index]?.push(await importOnce(candidate.file, candidate.env));
      }
    }
    const referenceTimes = times[0] ?? [];
    const rows = candidates.map((candidate, index) => {
      const bytes = readFileSync(candidate.file);
      const ownTimes = times[index] ?? [];
      const ratio = median(ownTimes.map((ms, roundNo) => ms / (referenceTimes[roundNo] ?? Number.NaN)));
      const target = candidate.kind === 'reference' ? undefined : BUNDLE_TARGETS[candidate.kind];
      const pass = target ? bytes.byteLength <= target.bytes && ratio <= target.loadRatio : true;
      return {
        name: candidate.name,
        kind: candidate.kind,
        bytes: bytes.byteLength,
        gzipBytes: gzipSync(bytes).byteLength,
        loadMs: round(median(ownTimes)),
        loadMsAll: ownTimes.map((ms) => round(ms)),
        ratio: round(ratio),
        target: target ?? null,
        pass,
      };
    });
    const kb = (bytes: number) => (bytes / 1000).toFixed(1);
    return {
      pass: rows.every((row) => row.pass),
      data: { rounds, rows },
      tables: [
        {
          title: `Cold load (median of ${rounds} interleaved rounds, import in a fresh Node ${process.version} process)`,
          columns: ['function', 'kind', 'size KB', 'gzip KB', 'load ms', '× reference', 'target', 'result'],
          rows: rows.map((row) => [
            row.name,
            row.kind,
            kb(row.bytes),
            kb(row.gzipBytes),
            row.loadMs.toFixed(1),
            row.ratio.toFixed(2),
            row.target ? `≤ ${kb(row.target.bytes)} KB, ≤ ${row.target.loadRatio} ×` : '',
            row.target ? (row.pass ? 'pass' : 'FAIL') : '',
          ]),
        },
      ],
      notes: [
        'load ms: time for `await import(bundle)` (module evaluation and init) in a new process with the Lambda environment; × reference: median of per-round ratios.',
      ],
    };
  } finally {
    rmSync(referenceDir, { recursive: true, force: true });
  }
}
