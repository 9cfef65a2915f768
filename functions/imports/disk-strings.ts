import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Bytes per page read from disk, and pages kept in memory (per file): 64 KiB × 128 = 8 MiB at most. */
const PAGE_BYTES = 64 * 1024;
const CACHED_PAGES = 128;
/** Bytes gathered before each write. */
const WRITE_BYTES = 1024 * 1024;

/** A file read through a bounded cache of pages (the least recently used one goes first). */
class PagedFile {
  private readonly pages = new Map<number, Buffer>();
  /** The page read last (most reads of a row fall in the page of the row before). */
  private lastPage = -1;
  private last?: Buffer;
  constructor(
    private readonly fd: number,
    private readonly size: number,
    private readonly pageBytes = PAGE_BYTES,
    private readonly cachedPages = CACHED_PAGES,
  ) {}

  read(position: number, length: number): Buffer {
    const page = Math.floor(position / this.pageBytes);
    const start = position - page * this.pageBytes;
    if (start + length > this.pageBytes) {
      // Across a page boundary (or longer than a page): read it directly.
      const bytes = Buffer.allocUnsafe(length);
      readSync(this.fd, bytes, 0, length, position);
      return bytes;
    }
    if (page === this.lastPage && this.last) return this.last.subarray(start, start + length);
    let bytes = this.pages.get(page);
    if (bytes) {
      this.pages.delete(page);
    } else {
      bytes = Buffer.allocUnsafe(Math.min(this.pageBytes, this.size - page * this.pageBytes));
      readSync(this.fd, bytes, 0, bytes.length, page * this.pageBytes);
      if (this.pages.size >= this.cachedPages) this.pages.delete(this.pages.keys().next().value as number);
    }
    this.pages.set(page, bytes);
    this.lastPage = page;
    this.last = bytes;
    return bytes.subarray(start, start + length);
  }
}

/** An append-only file written in large blocks. */
class BlockWriter {
  private buffer = Buffer.allocUnsafe(WRITE_BYTES);
  private used = 0;
  written = 0;
  constructor(readonly fd: number) {}

  write(bytes: Buffer) {
    if (this.used + bytes.length > this.buffer.length) this.flush();
    if (bytes.length > this.buffer.length) writeSync(this.fd, bytes, 0, bytes.length, this.written);
    else {
      bytes.copy(this.buffer, this.used);
      this.used += bytes.length;
    }
    this.written += bytes.length;
  }

  writeOffset(offset: number) {
    if (this.used + 8 > this.buffer.length) this.flush();
    this.buffer.writeDoubleLE(offset, this.used);
    this.used += 8;
    this.written += 8;
  }

  flush() {
    if (this.used > 0) writeSync(this.fd, this.buffer, 0, this.used, this.written - this.used);
    this.used = 0;
  }
}

/**
 * A workbook's shared strings on disk, not in memory: the strings one after the other in one file, the
 * offset of each (8 bytes) in another, both read back through a bounded page cache. Memory is the same
 * (a few MiB) whether the sheet has a thousand distinct strings or ten million. Written once, in order
 * (`add`), then `seal`ed and read (`get`); strings of the same part of a sheet sit near each other, and
 * the often repeated ones (a kecamatan, a legal form) keep their pages in the cache.
 */
export class DiskStrings {
  private readonly textFd: number;
  private readonly offsetFd: number;
  private text?: BlockWriter;
  private offsets?: BlockWriter;
  private textPages?: PagedFile;
  private offsetPages?: PagedFile;
  private total = 0;
  private count = 0;

  /**
   * Creates its two files in `directory` (a private temporary directory the caller removes). `cache`
   * shrinks the page cache (tests).
   */
  constructor(
    directory: string,
    private readonly cache: { pageBytes?: number; pages?: number } = {},
  ) {
    this.textFd = openSync(join(directory, 'strings.bin'), 'w+');
    this.offsetFd = openSync(join(directory, 'offsets.bin'), 'w+');
    this.text = new BlockWriter(this.textFd);
    this.offsets = new BlockWriter(this.offsetFd);
  }

  get size(): number {
    return this.count;
  }

  /** Bytes on disk. */
  get bytes(): number {
    return this.total + this.count * 8;
  }

  add(value: string) {
    if (!this.text || !this.offsets) throw new Error('DiskStrings: add after seal');
    this.offsets.writeOffset(this.total);
    const bytes = Buffer.from(value, 'utf8');
    this.text.write(bytes);
    this.total += bytes.length;
    this.count++;
  }

  /** No more strings: flushes what is written and makes `get` possible. */
  seal() {
    if (!this.text || !this.offsets) return;
    this.offsets.writeOffset(this.total); // the end of the last string
    this.text.flush();
    this.offsets.flush();
    this.text = undefined;
    this.offsets = undefined;
    const { pageBytes, pages } = this.cache;
    this.textPages = new PagedFile(this.textFd, this.total, pageBytes, pages);
    this.offsetPages = new PagedFile(this.offsetFd, (this.count + 1) * 8, pageBytes, pages);
  }

  /** The string at `index` (0-based, in the order added), or undefined past the end. */
  get(index: number): string | undefined {
    if (!this.textPages || !this.offsetPages) throw new Error('DiskStrings: get before seal');
    if (!Number.isInteger(index) || index < 0 || index >= this.count) return undefined;
    const bounds = this.offsetPages.read(index * 8, 16);
    const start = bounds.readDoubleLE(0);
    const end = bounds.readDoubleLE(8);
    return end === start ? '' : this.textPages.read(start, end - start).toString('utf8');
  }

  close() {
    closeSync(this.textFd);
    closeSync(this.offsetFd);
  }
}
