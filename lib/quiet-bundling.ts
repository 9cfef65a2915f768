/*
 * aws-cdk-lib writes `Bundling asset <path>...` to stderr for each of the ~80 functions it bundles, with no
 * option to turn it off (esbuild's own lines are off: `logLevel: warning` in lib/function.ts). This drops
 * only that progress line, so warnings, errors and cdk-nag findings still print: `npm run synth` and the
 * infra suite are quiet unless something is wrong.
 */
const BUNDLING_PROGRESS = /^Bundling asset \S+\.\.\.\n$/;
let installed = false;

export function dropBundlingProgress(): void {
  if (installed) return;
  installed = true;
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = (chunk: string | Uint8Array, ...rest: never[]) =>
    typeof chunk === 'string' && BUNDLING_PROGRESS.test(chunk) ? true : write(chunk, ...rest);
}
