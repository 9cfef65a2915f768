import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readImageHeader } from '../../functions/shared/image-header.ts';
import { posterProblems } from '../../functions/events/poster-rules.ts';
import { jpegHead, png, webpHead } from '../helpers/images.ts';

describe('image header parser', () => {
  it('reads a complete PNG’s type and size from IHDR', () => {
    expect(readImageHeader(png(640, 360))).toEqual({ type: 'image/png', width: 640, height: 360 });
  });

  it('reads a JPEG’s size from its frame header, past an Exif block, baseline or progressive', () => {
    expect(readImageHeader(jpegHead(1200, 630))).toEqual({ type: 'image/jpeg', width: 1200, height: 630 });
    expect(readImageHeader(jpegHead(300, 4000, { exifBytes: 60_000, progressive: true }))).toEqual({
      type: 'image/jpeg',
      width: 300,
      height: 4000,
    });
  });

  it('reads each of WebP’s three forms', () => {
    for (const form of ['VP8', 'VP8L', 'VP8X'] as const)
      expect(readImageHeader(webpHead(1023, 517, form)), form).toEqual({
        type: 'image/webp',
        width: 1023,
        height: 517,
      });
  });

  it('knows nothing of files that only look like images, or heads cut before the size', () => {
    expect(readImageHeader(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(readImageHeader(Buffer.from('GIF89a\x10\x00\x10\x00'))).toBeUndefined();
    expect(readImageHeader(png(400, 400).subarray(0, 20))).toBeUndefined();
    expect(readImageHeader(jpegHead(400, 400, { exifBytes: 100 }).subarray(0, 60))).toBeUndefined();
    expect(readImageHeader(webpHead(400, 400, 'VP8X').subarray(0, 28))).toBeUndefined();
    expect(readImageHeader(new Uint8Array())).toBeUndefined();
  });

  it('never throws on any bytes, and answers only sizes a header can hold', () => {
    const prefixes = [
      png(1, 1).subarray(0, 16),
      jpegHead(1, 1).subarray(0, 4),
      webpHead(1, 1, 'VP8X').subarray(0, 16),
    ];
    fc.assert(
      fc.property(
        fc.option(fc.constantFrom(...prefixes)),
        fc.uint8Array({ maxLength: 200 }),
        (prefix, tail) => {
          const bytes = prefix ? Buffer.concat([prefix, tail]) : tail;
          const header = readImageHeader(bytes);
          if (header) {
            expect(Number.isInteger(header.width) && header.width >= 0 && header.width <= 0xffffffff).toBe(
              true,
            );
            expect(Number.isInteger(header.height) && header.height >= 0 && header.height <= 0xffffffff).toBe(
              true,
            );
          }
        },
      ),
    );
  });
});

describe('poster limits', () => {
  const paths = (errors: { path: string; code: string }[]) => errors.map((e) => `${e.path}:${e.code}`);

  it('takes an image within the limits', () => {
    expect(posterProblems({ type: 'image/png', width: 1200, height: 630 }, 300_000)).toEqual([]);
  });

  it('names each field that is out of bounds', () => {
    expect(paths(posterProblems({ type: 'image/jpeg', width: 4096, height: 150 }, 2_000_000))).toEqual([
      'bytes:too_large',
      'width:too_large',
      'height:too_small',
    ]);
    expect(paths(posterProblems(undefined, 10))).toEqual(['file:not_an_image']);
  });
});
