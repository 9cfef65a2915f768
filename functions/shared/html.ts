/**
 * HTML built from template literals, escaped by default. `html` escapes every interpolated value unless
 * it is already `Html` (the result of another `html` call or of `raw`), so markup can only come from
 * this code's own literals: no template engine, and no way for a title or a reason typed by an operator
 * to become markup. Attribute values must be written in double quotes.
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for an HTML text node or a double- or single-quoted attribute value. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);

export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Interpolated = Html | string | number | false | null | undefined | readonly Interpolated[];

const render = (value: Interpolated): string => {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(String(value));
};

export function html(strings: TemplateStringsArray, ...values: Interpolated[]): Html {
  let out = strings[0] ?? '';
  for (const [index, value] of values.entries()) out += render(value) + (strings[index + 1] ?? '');
  return new Html(out);
}

/** Markup this code composed itself (e.g. a stylesheet); never for data. */
export const raw = (markup: string): Html => new Html(markup);

/**
 * JSON for a `<script type="application/ld+json">` block: `<`, `>` and `&` as JSON escapes, so that no
 * value can close the script element or open a comment, and U+2028/2029 escaped as well.
 */
export const jsonForScript = (value: unknown): Html =>
  new Html(
    JSON.stringify(value)
      .replace(/</g, '\\u003c')
      .replace(/>/g, '\\u003e')
      .replace(/&/g, '\\u0026')
      .replace(/\u2028/g, '\\u2028')
      .replace(/\u2029/g, '\\u2029'),
  );
