/** The part of unzipper (0.10) that functions/imports/xlsx.ts uses; the package ships no types. */
declare module 'unzipper' {
  import type { Duplex, Readable } from 'node:stream';

  export interface Entry extends Readable {
    path: string;
    type: 'File' | 'Directory';
    autodrain(): { promise(): Promise<void> };
  }

  /** A writable zip stream that emits its entries, in the order they are stored, as readable streams. */
  export function Parse(options?: { forceStream?: boolean }): Duplex;

  const unzipper: { Parse: typeof Parse };
  export default unzipper;
}
