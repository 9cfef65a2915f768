import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestedStack } from 'aws-cdk-lib';
import { createApp } from '../lib/app.ts';
import { bundleKind, type FunctionKind } from '../lib/bundle-budgets.ts';
import { runChild } from './child.ts';
import { BENCH_TABLE_NAME } from './lambda-env.ts';

/** One Lambda function of the synthesized stack and the bundle the CDK built for it. */
export interface FunctionBundle {
  /** Logical id in its (nested) template, e.g. `GetHealth3A40ED73`. */
  logicalId: string;
  /** `api` when an API Gateway integration invokes it (a citizen waits), else `async`. */
  kind: FunctionKind;
  /** The asset directory; the bundle is `index.mjs`, esbuild's metafile `index.meta.json`. */
  dir: string;
  /** The function's environment from the template, references resolved to stand-ins. */
  environment: Record<string, string>;
}

export interface Synthesized {
  ms: number;
  outdir: string;
  functions: FunctionBundle[];
}

interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
}

const resolveValue = (value: unknown): string =>
  typeof value === 'string' ? value : JSON.stringify(value).includes('DataTable') ? BENCH_TABLE_NAME : 'ref';

/**
 * Synthesizes the app in this process exactly as `test/infra/stack.test.ts` does (dev stage, asset
 * metadata on, bundling on), and times `createApp` plus `synth` (construction, esbuild bundling of every
 * function, cdk-nag validation, writing the cloud assembly).
 */
export function synthesize(): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'umkm-bench-cdk-'));
  const started = performance.now();
  const { app, stack } = createApp({
    outdir,
    context: { stage: 'dev', 'aws:cdk:enable-asset-metadata': true },
  });
  const assembly = app.synth();
  const ms = performance.now() - started;
  // Route functions live in nested stacks (one per feature), whose templates sit beside the stack's.
  const template = { Resources: {} as Record<string, TemplateResource> };
  const templates = [
    assembly.getStackByName(stack.stackName).template as typeof template,
    ...stack.node
      .findAll()
      .filter((node) => node instanceof NestedStack)
      .map(
        (nested) => JSON.parse(readFileSync(join(outdir, nested.templateFile), 'utf8')) as typeof template,
      ),
  ];
  for (const each of templates) Object.assign(template.Resources, each.Resources);
  const lambdas = Object.entries(template.Resources).filter(
    ([, resource]) => resource.Type === 'AWS::Lambda::Function',
  );
  const functions = lambdas.map(([logicalId, resource]): FunctionBundle => {
    const assetPath = resource.Metadata?.['aws:asset:path'];
    if (typeof assetPath !== 'string') throw new Error(`${logicalId} has no aws:asset:path metadata`);
    const { kind } = bundleKind(join(outdir, assetPath));
    const variables =
      (resource.Properties?.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ??
      {};
    return {
      logicalId,
      kind,
      dir: join(outdir, assetPath),
      environment: Object.fromEntries(
        Object.entries(variables).map(([name, value]) => [name, resolveValue(value)]),
      ),
    };
  });
  return { ms, outdir, functions };
}

export const removeAssembly = (synthesized: Synthesized) =>
  rmSync(synthesized.outdir, { recursive: true, force: true });

/** `synthesize()` in a fresh child process (see `synth-worker.ts`). */
export const synthesizeInChild = () => runChild<Synthesized>(new URL('./synth-worker.ts', import.meta.url));
