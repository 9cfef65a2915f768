import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MultipartError, multipartBoundary, parseMultipart } from '../../functions/shared/multipart.ts';

/** A body as a real client encodes it (Node's fetch: undici's FormData encoder). */
async function encoded(fields: [string, string | Blob, string?][]) {
  const form = new FormData();
  for (const [name, value, filename] of fields)
    if (typeof value === 'string') form.append(name, value);
    else form.append(name, value, filename);
  const request = new Request('http://localhost/', { method: 'POST', body: form });
  return {
    contentType: request.headers.get('content-type') ?? '',
    body: Buffer.from(await request.arrayBuffer()),
  };
}

describe('multipart/form-data', () => {
  it('reads the RFC 8058 one-click body as a mail client sends it', async () => {
    const { contentType, body } = await encoded([['List-Unsubscribe', 'One-Click']]);
    const boundary = multipartBoundary(contentType);
    expect(boundary).toBeDefined();
    expect(parseMultipart(body, boundary!)).toEqual([['List-Unsubscribe', 'One-Click']]);
  });

  it('gives back every text field a real encoder wrote, in order (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.string({ minLength: 1, maxLength: 20 }), fc.string({ maxLength: 60 })), {
          maxLength: 8,
        }),
        async (fields) => {
          const { contentType, body } = await encoded(fields);
          // The encoder normalises line breaks in values to CRLF (as browsers do) and escapes names.
          const expected = fields.map(([name, value]) => [
            name.replace(/\r\n|\r|\n/g, '\r\n'),
            value.replace(/\r\n|\r|\n/g, '\r\n'),
          ]);
          const parsed = parseMultipart(body, multipartBoundary(contentType)!);
          expect(parsed.map(([, value]) => value)).toEqual(expected.map(([, value]) => value));
          expect(parsed).toHaveLength(fields.length);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses files and malformed bodies', async () => {
    const file = await encoded([['poster', new Blob(['x']), 'a.png']]);
    expect(() => parseMultipart(file.body, multipartBoundary(file.contentType)!)).toThrow(MultipartError);
    const { contentType, body } = await encoded([['a', 'b']]);
    const boundary = multipartBoundary(contentType)!;
    expect(() => parseMultipart(body.subarray(0, body.length - 10), boundary)).toThrow(MultipartError);
    expect(() => parseMultipart(Buffer.from('nothing'), boundary)).toThrow(MultipartError);
    expect(() =>
      parseMultipart(
        Buffer.from(`--${boundary}\r\nContent-Type: text/plain\r\n\r\nx\r\n--${boundary}--`),
        boundary,
      ),
    ).toThrow(MultipartError);
  });

  it('fuzz: no byte sequence throws anything but MultipartError (property)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.string({ minLength: 1, maxLength: 10 }),
        (bytes, tail) => {
          const body = Buffer.concat([Buffer.from('--b\r\n'), Buffer.from(bytes), Buffer.from(tail)]);
          try {
            parseMultipart(body, 'b');
          } catch (error) {
            expect(error).toBeInstanceOf(MultipartError);
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('finds the boundary, quoted or not, only in multipart/form-data', () => {
    expect(multipartBoundary('multipart/form-data; boundary=abc')).toBe('abc');
    expect(multipartBoundary('Multipart/Form-Data; charset=utf-8; boundary="a b"')).toBe('a b');
    expect(multipartBoundary('multipart/mixed; boundary=abc')).toBeUndefined();
    expect(multipartBoundary('multipart/form-data')).toBeUndefined();
  });
});
