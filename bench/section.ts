/** One printable table: a title, column names and rows of cells. */
export interface Table {
  title: string;
  columns: string[];
  rows: (string | number)[][];
}

export interface SectionResult {
  tables: Table[];
  /** Lines printed under the tables: method notes, skipped rows, what is not built yet. */
  notes: string[];
  /** Machine-readable figures for `bench-results/latest.json`. */
  data: unknown;
  /** False when a row missed its target. */
  pass: boolean;
}

export interface BenchOptions {
  quick: boolean;
  /** Echo progress to stderr. */
  progress: (line: string) => void;
}

/** A section of `npm run bench`; `bench/run.ts` lists them in order. */
export interface Section {
  name: string;
  title: string;
  run: (options: BenchOptions) => Promise<SectionResult>;
}
