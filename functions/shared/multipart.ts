/**
 * `multipart/form-data` (RFC 7578) text fields, for the routes that take form bodies: RFC 8058 recommends
 * it for one-click unsubscribe POSTs, and a browser form may send it. Written here rather than taken from
 * a library (busboy and its wrappers are stream-based and weigh ~20 KB in a bundle, for a body that
 * already sits in memory under the 64 KB body limit). Only text fields: a part with a file name is
 * refused, as is anything malformed (the caller answers 400).
 */

export type FormPairs = [name: string, value: string][];

export class MultipartError extends Error {}

const MAX_PARTS = 100;

/** The boundary from a `multipart/form-data` content type, or undefined when it is not one. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return undefined;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/** A parameter of the part's header, as browsers write it (WHATWG: quoted, `"` and line breaks percent-encoded, no backslash escapes). */
const param = (header: string, name: string): string | undefined => {
  const match = new RegExp(`;\\s*${name}="([^"]*)"|;\\s*${name}=([^\\s;"]+)`, 'i').exec(header);
  return match ? (match[1] ?? match[2]) : undefined;
};

/** The text fields of a multipart body, in order; throws MultipartError when the body is malformed. */
export function parseMultipart(body: Buffer, boundary: string): FormPairs {
  // latin1 keeps one character per byte, so offsets are byte offsets; values are decoded as UTF-8.
  const text = body.toString('latin1');
  const delimiter = `--${boundary}`;
  let position = text.startsWith(delimiter) ? 0 : text.indexOf(`\r\n${delimiter}`) + 2;
  if (position < 2 && !text.startsWith(delimiter)) throw new MultipartError('No opening boundary.');
  position += delimiter.length;
  const fields: FormPairs = [];
  for (;;) {
    if (text.startsWith('--', position)) return fields;
    const lineEnd = text.indexOf('\r\n', position);
    if (lineEnd < 0 || text.slice(position, lineEnd).trim() !== '')
      throw new MultipartError('Malformed boundary line.');
    const next = text.indexOf(`\r\n${delimiter}`, lineEnd + 2);
    if (next < 0) throw new MultipartError('No closing boundary.');
    const part = text.slice(lineEnd + 2, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    const headers = (headerEnd < 0 ? part : part.slice(0, headerEnd)).split('\r\n');
    const disposition = headers.find((line) => /^content-disposition\s*:/i.test(line));
    if (!disposition || !/^content-disposition\s*:\s*form-data\s*(;|$)/i.test(disposition))
      throw new MultipartError('A part is not a form-data field.');
    const name = param(disposition, 'name');
    if (name === undefined) throw new MultipartError('A part has no name.');
    if (param(disposition, 'filename') !== undefined) throw new MultipartError('Files are not accepted.');
    const value = headerEnd < 0 ? '' : part.slice(headerEnd + 4);
    fields.push([
      Buffer.from(name, 'latin1').toString('utf8'),
      Buffer.from(value, 'latin1').toString('utf8'),
    ]);
    if (fields.length > MAX_PARTS) throw new MultipartError('Too many parts.');
    position = next + 2 + delimiter.length;
  }
}
