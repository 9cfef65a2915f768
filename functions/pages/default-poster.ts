import { crc32, deflateSync } from 'node:zlib';

/**
 * The programme's default picture for link previews of events without a poster of their own (Open Graph
 * and Twitter want a raster image of about 1200 × 630): "AGENDA UMKM / KOTA BEKASI" in the programme's
 * colours, drawn from a 5 × 7 pixel font into a palette PNG. Drawn in code, so the picture ships in the
 * function without an asset pipeline; it is about 5 KB.
 */
const FONT: Record<string, string> = {
  A: '01110 10001 10001 11111 10001 10001 10001',
  B: '11110 10001 10001 11110 10001 10001 11110',
  D: '11110 10001 10001 10001 10001 10001 11110',
  E: '11111 10000 10000 11110 10000 10000 11111',
  G: '01111 10000 10000 10111 10001 10001 01111',
  I: '01110 00100 00100 00100 00100 00100 01110',
  K: '10001 10010 10100 11000 10100 10010 10001',
  M: '10001 11011 10101 10101 10001 10001 10001',
  N: '10001 11001 10101 10011 10001 10001 10001',
  O: '01110 10001 10001 10001 10001 10001 01110',
  S: '01111 10000 10000 01110 00001 00001 11110',
  T: '11111 00100 00100 00100 00100 00100 00100',
  U: '10001 10001 10001 10001 10001 10001 01110',
  ' ': '00000 00000 00000 00000 00000 00000 00000',
};

const WIDTH = 1200;
const HEIGHT = 630;
/** Palette: programme blue, white, and the gold of the band. */
const PALETTE = Buffer.from([0x0b, 0x53, 0x94, 0xff, 0xff, 0xff, 0xf1, 0xc2, 0x32]);

function drawText(pixels: Uint8Array, text: string, top: number, scale: number, colour: number): void {
  const advance = 6 * scale;
  let left = Math.round((WIDTH - (text.length * advance - scale)) / 2);
  for (const char of text) {
    const rows = (FONT[char] ?? FONT[' '] ?? '').split(' ');
    rows.forEach((row, y) => {
      [...row].forEach((bit, x) => {
        if (bit !== '1') return;
        for (let dy = 0; dy < scale; dy++) {
          const start = (top + y * scale + dy) * WIDTH + left + x * scale;
          pixels.fill(colour, start, start + scale);
        }
      });
    });
    left += advance;
  }
}

const chunk = (type: string, data: Buffer) => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

export function defaultPoster(): Buffer {
  const pixels = new Uint8Array(WIDTH * HEIGHT);
  pixels.fill(2, (HEIGHT - 60) * WIDTH);
  drawText(pixels, 'AGENDA UMKM', 150, 16, 1);
  drawText(pixels, 'KOTA BEKASI', 340, 11, 2);
  // Each scanline starts with its filter type (0: none).
  const raw = Buffer.alloc(HEIGHT * (WIDTH + 1));
  for (let y = 0; y < HEIGHT; y++) raw.set(pixels.subarray(y * WIDTH, (y + 1) * WIDTH), y * (WIDTH + 1) + 1);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(WIDTH, 0);
  header.writeUInt32BE(HEIGHT, 4);
  header.set([8, 3, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('PLTE', PALETTE),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
