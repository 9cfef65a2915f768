/**
 * What kind of image a file is and how large it is, read from its first bytes only (the functions read a
 * poster's head with a ranged GET, never the whole file). The magic bytes decide the type; the dimensions
 * come from the PNG `IHDR` chunk, the JPEG start-of-frame marker, or the WebP `VP8 `/`VP8L`/`VP8X` chunk.
 * Anything else, or a head cut short before the dimensions, is `undefined`: never an exception.
 */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

export interface ImageHeader {
  type: ImageType;
  width: number;
  height: number;
}

/** How many leading bytes a JPEG may need before its frame header (an Exif block is at most 64 KiB). */
export const IMAGE_HEAD_BYTES = 128 * 1024;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const ascii = (bytes: Uint8Array, at: number, length: number) =>
  String.fromCharCode(...bytes.subarray(at, at + length));

function png(bytes: Uint8Array, view: DataView): ImageHeader | undefined {
  // Signature, then the first chunk must be IHDR: length 13, type, width, height (big-endian).
  if (bytes.length < 24 || ascii(bytes, 12, 4) !== 'IHDR') return undefined;
  return { type: 'image/png', width: view.getUint32(16), height: view.getUint32(20) };
}

/** Start-of-frame markers: C0–CF but C4 (Huffman tables), C8 (reserved) and CC (arithmetic coding). */
const isStartOfFrame = (marker: number) =>
  marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

function jpeg(bytes: Uint8Array, view: DataView): ImageHeader | undefined {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    // Markers without a length: TEM, RST0–7, SOI. EOI or SOS before a frame header: no dimensions.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      at += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined;
    const length = view.getUint16(at + 2);
    if (length < 2) return undefined;
    if (isStartOfFrame(marker)) {
      if (at + 9 > bytes.length) return undefined;
      return { type: 'image/jpeg', height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
    }
    at += 2 + length;
  }
  return undefined;
}

const uint24 = (bytes: Uint8Array, at: number) =>
  (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8) | ((bytes[at + 2] ?? 0) << 16);

function webp(bytes: Uint8Array, view: DataView): ImageHeader | undefined {
  const chunk = ascii(bytes, 12, 4);
  // VP8L needs its 5-byte header after the chunk's 8; VP8 and VP8X need 10.
  if (bytes.length < (chunk === 'VP8L' ? 25 : 30)) return undefined;
  if (chunk === 'VP8 ') {
    // Key frame start code 9D 01 2A, then 14-bit width and height (2 bits of scale above each).
    if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) return undefined;
    return {
      type: 'image/webp',
      width: view.getUint16(26, true) & 0x3fff,
      height: view.getUint16(28, true) & 0x3fff,
    };
  }
  if (chunk === 'VP8L') {
    if (bytes[20] !== 0x2f) return undefined;
    const bits = view.getUint32(21, true);
    return { type: 'image/webp', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') {
    return { type: 'image/webp', width: uint24(bytes, 24) + 1, height: uint24(bytes, 27) + 1 };
  }
  return undefined;
}

/** The image's type and dimensions from its head, or undefined when the bytes are no image we take. */
export function readImageHeader(head: Uint8Array): ImageHeader | undefined {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (PNG_SIGNATURE.every((byte, index) => head[index] === byte)) return png(head, view);
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return jpeg(head, view);
  if (head.length >= 16 && ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP')
    return webp(head, view);
  return undefined;
}
