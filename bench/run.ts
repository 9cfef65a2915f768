/**
 * `npm run bench [-- --only synth,cold,secret,warm,pages,e2e,digest,import,export,xlsx] [-- --quick]`: the performance harness of
 * issue 7. Prints a table per section and writes `bench-results/latest.json`. Every figure is a median
 * (or percentile) over repeated runs made in this one run, so that ratios hold on a noisy machine.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { coldLoad } from './cold.ts';
import { digest } from './digest.ts';
import { endToEnd } from './e2e.ts';
import { exportsSection } from './exports.ts';
import { imports } from './imports.ts';
import { pageRendering } from './pages.ts';
import { secretInit } from './secret-init.ts';
import type { BenchOptions, Section, SectionResult } from './section.ts';
import { median, round } from './stats.ts';
import { removeAssembly, synthesizeInChild, type Synthesized } from './synth.ts';
import { formatTable } from './table.ts';
import { warmOverhead } from './warm.ts';
import { xlsxMemory } from './xlsx.ts';

const USAGE = `Usage: npm run bench [-- --only synth,cold,warm,pages,e2e,digest,import,export,xlsx] [-- --quick]

Runs the performance harness: a table per section, and bench-results/latest.json.
  --only    the sections to run, comma separated (default: all)
  --quick   one run per figure instead of several
`;
let parsed;
try {
  parsed = parseArgs({
    options: {
      only: { type: 'string' },
      quick: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (parsed.values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
const { values } = parsed;
const quick = values.quick ?? false;

if (!process.version.startsWith('v24.'))
  throw new Error(
    `run the bench with Node 24 (npm run bench uses the project's pinned node), not ${process.version}`,
  );

const write = (text: string) => process.stdout.write(`${text}\n`);
const options: BenchOptions = { quick, progress: (line) => process.stderr.write(`· ${line}\n`) };

/** Synthesized once per run (the cold section loads its bundles); the synth section times fresh runs. */
let lastSynth: Synthesized | undefined;
const synthesized = async (): Promise<Synthesized> => (lastSynth ??= await synthesizeInChild());

const sections: Section[] = [
  {
    name: 'synth',
    title: 'cdk synth',
    run: async ({ progress }) => {
      const runs = quick ? 1 : 3;
      const times: number[] = [];
      for (let n = 0; n < runs; n++) {
        progress(`synth ${n + 1}/${runs}`);
        if (lastSynth) removeAssembly(lastSynth);
        lastSynth = await synthesizeInChild();
        times.push(lastSynth.ms);
      }
      const { functions } = await synthesized();
      const ms = round(median(times), 0);
      return {
        pass: true,
        data: { runs, ms, msAll: times.map((time) => round(time, 0)), functions: functions.length },
        tables: [
          {
            title: `cdk synth in process (median of ${runs}; construction, esbuild bundling, cdk-nag, assembly)`,
            columns: ['stage', 'functions', 'synth ms'],
            rows: [['dev', functions.length, ms]],
          },
        ],
        notes: [],
      };
    },
  },
  {
    name: 'cold',
    title: 'cold load',
    run: async ({ progress }) => {
      progress('cold: building the reference and loading every bundle');
      return coldLoad((await synthesized()).functions, quick ? 7 : 19);
    },
  },
  {
    name: 'secret',
    title: 'identity secret at cold start',
    run: async ({ progress }) => {
      progress('secret: the identity secret from the environment and through the extension, fresh processes');
      return secretInit(quick ? 15 : 41);
    },
  },
  {
    name: 'warm',
    title: 'warm overhead',
    run: async ({ progress }) => {
      progress('warm: invoking handlers with stubbed AWS clients');
      return quick ? warmOverhead(5_000, 1_000) : warmOverhead(20_000, 2_000);
    },
  },
  {
    name: 'pages',
    title: 'page rendering',
    run: async ({ progress }) => {
      progress('pages: rendering every page route with the table stubbed');
      return quick ? pageRendering(2_000, 500) : pageRendering(10_000, 1_000);
    },
  },
  {
    name: 'e2e',
    title: 'local end to end',
    run: async ({ progress }) => {
      progress('e2e: starting the local backend and loading it with autocannon');
      return endToEnd(quick ? 3 : 10);
    },
  },
  { name: 'digest', title: 'digest', run: digest },
  { name: 'import', title: 'bulk import', run: imports },
  { name: 'export', title: 'registry export', run: exportsSection },
  { name: 'xlsx', title: 'XLSX reading (import planner)', run: xlsxMemory },
];

const only = values.only?.split(',').map((name) => name.trim());
const unknown = only?.filter((name) => !sections.some((section) => section.name === name)) ?? [];
if (unknown.length > 0)
  throw new Error(
    `unknown section(s) ${unknown.join(', ')}; sections: ${sections.map((s) => s.name).join(', ')}`,
  );

const machine = {
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGb: round(totalmem() / 1024 ** 3, 1),
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
};
const date = new Date().toISOString();
write(`UMKM Hub bench — ${date}${quick ? ' (quick)' : ''}`);
write(
  `machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}, ${machine.platform}\n`,
);

const results: Record<string, SectionResult & { seconds: number }> = {};
for (const section of sections.filter((s) => !only || only.includes(s.name))) {
  const started = performance.now();
  const result = await section.run(options);
  results[section.name] = { ...result, seconds: round((performance.now() - started) / 1000, 1) };
  for (const table of result.tables) write(`${formatTable(table)}\n`);
  for (const note of result.notes) write(`${section.name}: ${note}`);
  if (result.notes.length > 0) write('');
}
if (lastSynth) removeAssembly(lastSynth);

const failed = Object.entries(results).filter(([, result]) => !result.pass);
const outDir = join(import.meta.dirname, '..', 'bench-results');
mkdirSync(outDir, { recursive: true });
writeFileSync(
  join(outDir, 'latest.json'),
  `${JSON.stringify({ date, quick, machine, sections: results }, null, 2)}\n`,
);
write(
  `results: bench-results/latest.json${failed.length > 0 ? `; targets missed in: ${failed.map(([name]) => name).join(', ')}` : '; every target met'}`,
);
