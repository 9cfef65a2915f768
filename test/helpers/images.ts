import { deflateSync } from 'node:zlib';

/**
 * Small images built byte by byte for the poster tests. The PNG is complete and decodes in any browser
 * (IHDR, one IDAT of deflated scanlines, IEND, real CRCs); the JPEG and WebP builders write real headers
 * (JFIF, a start-of-frame; RIFF with a VP8, VP8L or VP8X chunk), enough for a header parser. Real JPEG
 * and WebP files from an encoder come from Chromium in the end-to-end test.
 */

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

const crc32 = (bytes: Uint8Array) => {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A complete RGB PNG: a diagonal gradient, so that a screenshot shows it was drawn. */
export function png(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, truecolour, deflate, adaptive filter, no interlace
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      rows[row + 1 + x * 3] = (x * 255) / width;
      rows[row + 2 + x * 3] = (y * 255) / height;
      rows[row + 3 + x * 3] = 0x80;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', new Uint8Array()),
  ]);
}

const u16be = (value: number) => [(value >> 8) & 0xff, value & 0xff];

/** A JPEG's head: SOI, a JFIF APP0, an optional padding APPn (like Exif), a baseline or progressive SOF. */
export function jpegHead(
  width: number,
  height: number,
  options: { exifBytes?: number; progressive?: boolean } = {},
) {
  const app0 = [0xff, 0xe0, ...u16be(16), ...Buffer.from('JFIF\0'), 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const exif = options.exifBytes
    ? [0xff, 0xe1, ...u16be(options.exifBytes + 2), ...new Array<number>(options.exifBytes).fill(0)]
    : [];
  const sof = [
    0xff,
    options.progressive ? 0xc2 : 0xc0,
    ...u16be(17),
    8,
    ...u16be(height),
    ...u16be(width),
    3,
  ];
  const components = [1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  return Buffer.from([0xff, 0xd8, ...app0, ...exif, ...sof, ...components, 0xff, 0xd9]);
}

function riff(fourcc: string, data: number[]): Buffer {
  const body = Buffer.concat([Buffer.from('WEBP'), Buffer.from(fourcc), Buffer.alloc(4), Buffer.from(data)]);
  body.writeUInt32LE(data.length, 8);
  const head = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4)]);
  head.writeUInt32LE(body.length, 4);
  return Buffer.concat([head, body]);
}

const u24le = (value: number) => [value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff];

/** A WebP head in one of its three forms. */
export function webpHead(width: number, height: number, form: 'VP8' | 'VP8L' | 'VP8X'): Buffer {
  if (form === 'VP8')
    return riff('VP8 ', [
      0x9d,
      0,
      0,
      0x9d,
      0x01,
      0x2a,
      width & 0xff,
      width >> 8,
      height & 0xff,
      height >> 8,
      0,
      0,
    ]);
  if (form === 'VP8L') {
    const bits = ((width - 1) | ((height - 1) << 14)) >>> 0;
    return riff('VP8L', [
      0x2f,
      bits & 0xff,
      (bits >> 8) & 0xff,
      (bits >> 16) & 0xff,
      (bits >>> 24) & 0xff,
      0,
    ]);
  }
  return riff('VP8X', [0, 0, 0, 0, ...u24le(width - 1), ...u24le(height - 1)]);
}
