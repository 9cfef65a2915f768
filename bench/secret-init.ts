import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { lambdaEnvironment } from './lambda-env.ts';
import type { SectionResult } from './section.ts';
import { median, round } from './stats.ts';

const run = promisify(execFile);
const projectDir = join(import.meta.dirname, '..');
const SECRET = 'bench-identity-secret-0123456789abcdef';
const ARN = 'arn:aws:secretsmanager:ap-southeast-3:111122223333:secret:IdentitySecret-Bench';

/**
 * What reading the identity secret through the Parameters and Secrets extension costs a cold start,
 * against the value in the environment as before: the identity module (`functions/businesses/identity.ts`
 * with the prerequisites it registers) is bundled, then, in a fresh process each time, imported, its
 * prerequisites awaited (the first invocation) and one guard key computed. The extension is stood in for
 * by an HTTP server in this process that answers at once, as the extension does from its cache: what is
 * measured is the function's side (Node's `fetch` loaded for the first time, one loopback round trip);
 * the extension's own start and its first call to Secrets Manager, in the Lambda init phase, are not.
 */
export async function secretInit(rounds: number): Promise<SectionResult> {
  const dir = mkdtempSync(join(tmpdir(), 'umkm-bench-secret-'));
  const server = createServer((_request, response) => response.end(JSON.stringify({ SecretString: SECRET })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const outfile = join(dir, 'index.mjs');
    await build({
      stdin: {
        contents:
          "export { nikGuardOf } from './functions/businesses/identity.ts';\n" +
          "export { prerequisites } from './functions/shared/prerequisites.ts';",
        resolveDir: projectDir,
        loader: 'ts',
        sourcefile: 'identity-bench.ts',
      },
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'node',
      target: 'node24',
      outfile,
      logLevel: 'silent',
    });
    const script =
      'const t0=performance.now();const m=await import(process.argv[1]);const t1=performance.now();' +
      "await m.prerequisites();m.nikGuardOf('3275014107900001');const t2=performance.now();" +
      'process.stdout.write(JSON.stringify({load:t1-t0,first:t2-t1}))';
    const port = String((server.address() as AddressInfo).port);
    const modes = {
      environment: { IDENTITY_SECRET: SECRET },
      extension: { IDENTITY_SECRET_ARN: ARN, PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: port },
    } as const;
    const samples = {
      environment: [] as { load: number; first: number }[],
      extension: [] as { load: number; first: number }[],
    };
    const once = async (mode: keyof typeof modes) => {
      const { stdout } = await run(
        process.execPath,
        ['--input-type=module', '-e', script, pathToFileURL(outfile).href],
        {
          env: lambdaEnvironment('IdentityBench', modes[mode]),
          cwd: tmpdir(),
        },
      );
      return JSON.parse(stdout) as { load: number; first: number };
    };
    await once('environment');
    await once('extension');
    for (let n = 0; n < rounds; n++) {
      samples.environment.push(await once('environment'));
      samples.extension.push(await once('extension'));
    }
    const row = (mode: keyof typeof modes) => {
      const load = median(samples[mode].map((sample) => sample.load));
      const first = median(samples[mode].map((sample) => sample.first));
      return { mode, loadMs: round(load), firstInvocationMs: round(first), totalMs: round(load + first) };
    };
    const rows = [row('environment'), row('extension')];
    const added = round((rows[1]?.totalMs ?? 0) - (rows[0]?.totalMs ?? 0));
    return {
      pass: true,
      data: { rounds, rows, addedMs: added },
      tables: [
        {
          title: `Identity secret at cold start (median of ${rounds} fresh Node ${process.version} processes each)`,
          columns: ['secret from', 'module load ms', 'first invocation ms', 'together ms'],
          rows: rows.map((r) => [
            r.mode,
            r.loadMs.toFixed(2),
            r.firstInvocationMs.toFixed(2),
            r.totalMs.toFixed(2),
          ]),
        },
      ],
      notes: [
        `the extension adds ${added.toFixed(2)} ms to a cold start's first invocation on this machine (one loopback HTTP call through node:http); warm invocations add nothing (the value is kept).`,
        'not measured: the extension layer’s own start and its first GetSecretValue in the Lambda init phase.',
      ],
    };
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
