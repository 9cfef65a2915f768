import { createApp } from '../lib/app.ts';

/*
 * aws-cdk-lib writes `Bundling asset <path>...` to stderr for each of the ~80 functions it bundles, with no
 * option to turn it off; esbuild's own lines are off (`logLevel: warning` in lib/function.ts). Only that
 * progress line is dropped, so warnings, errors and cdk-nag findings still print: synth is quiet unless
 * something is wrong.
 */
const BUNDLING_PROGRESS = /^Bundling asset \S+\.\.\.\n$/;
const write = process.stderr.write.bind(process.stderr);
process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) =>
  typeof chunk === 'string' && BUNDLING_PROGRESS.test(chunk) ? true : write(chunk, ...rest));

/** `npx cdk deploy -c stage=prod` (stage dev by default); `npm run synth` checks it offline. */
createApp();
