/* Values on the lines of a mail's text part (the HTML part escapes with `escapeHtml`, html.ts). */

/**
 * A value on one line of a mail's text part: line breaks and tabs become spaces, other control and
 * bidirectional control characters are dropped, so no stored value can add lines (or headers to a part
 * a client might re-parse) or reorder what the reader sees.
 */
export const plainLine = (value: string): string =>
  value
    .replace(/\r\n|[\t\n\r\u2028\u2029]/g, ' ')
    // eslint-disable-next-line no-control-regex -- the point is to drop control characters
    .replace(/[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '');

/** A link on a text line: anything a URL cannot hold raw (controls, spaces) percent-encoded. */
export const plainUrl = (value: string): string =>
  // eslint-disable-next-line no-control-regex -- as above
  value.replace(/[\u0000-\u0020\u007F-\u009F\u2028\u2029]/g, (char) => encodeURIComponent(char));
