/**
 * Child process of the bench: one fresh in-process synthesis (`bench/synth.ts`), its figures sent over
 * IPC. A fresh process per run keeps module caches cold as in `cdk synth`, and keeps esbuild's and the
 * CDK's bundling chatter (stderr) out of the bench's output.
 */
import { synthesize } from './synth.ts';

process.send?.(synthesize());
