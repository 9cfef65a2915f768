import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from '../../functions/shared/csv.ts';
import { toCsv } from '../../functions/surveys/csv.ts';

/** What a spreadsheet reads from one cell we wrote (RFC 4180 unquoting). */
const unquote = (cell: string) => (cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell);

/** A piece a spreadsheet would run: it starts (after spaces or quotes) with a formula character. */
const LIVE = /^[\s"]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

const risky = fc
  .array(
    fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom(
        '=',
        '+',
        '-',
        '@',
        '＝',
        ';',
        ',',
        '\t',
        '\r',
        '\n',
        '"',
        "'",
        ' ',
        "cmd|' /C calc'!A0",
      ),
    ),
    { maxLength: 10 },
  )
  .map((parts) => parts.join(''));

describe('the CSV cell writer', () => {
  it('leaves no piece starting a formula after any split a spreadsheet may make (property)', () => {
    fc.assert(
      fc.property(risky, fc.subarray([';', ',', '\t', '\r', '\n'], { minLength: 1 }), (value, separators) => {
        const text = unquote(csvCell(value));
        const pieces = text.split(
          new RegExp(
            `[${separators.join('').replace('\t', '\\t').replace('\r', '\\r').replace('\n', '\\n')}]`,
          ),
        );
        for (const piece of pieces) expect(piece, JSON.stringify(value)).not.toMatch(LIVE);
        // Nothing is lost: taking out the apostrophes we added gives the value back.
        expect(
          text.replace(/(^|[;,\t\r\n])'(?=(?:(?![\t\r\n])[\s"'])*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/g, '$1'),
        ).toBe(value);
      }),
      { numRuns: 3000 },
    );
  });

  it('neutralises the formula behind a `;` that Indonesian Excel splits on', () => {
    expect(csvCell("x;=cmd|' /C calc'!A0")).toBe("\"x;'=cmd|' /C calc'!A0\"");
    expect(csvCell('x; =1')).toBe('"x;\' =1"');
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('a, -2')).toBe('"a,\' -2"');
    expect(csvCell(-2)).toBe('-2');
    expect(csvLine(['a', 1, undefined, ['x', '@y']])).toBe('a,1,,"x;\'@y"');
  });

  it('is what the survey export writes', () => {
    const csv = toCsv(
      ['catatan'],
      [
        {
          businessId: 'b1',
          cell: { kecamatan: '32.75.01', sector: 'kuliner', sizeClass: 'mikro' },
          version: 1,
          answeredAt: '2026-12-01T00:00:00.000Z',
          updatedAt: '2026-12-01T00:00:00.000Z',
          answers: { catatan: 'oke;=HYPERLINK("http://evil.example")' },
        } as never,
      ],
    );
    expect(csv.split('\r\n')[1]).toBe(
      'b1,32.75.01,kuliner,mikro,1,2026-12-01T00:00:00.000Z,2026-12-01T00:00:00.000Z,"oke;\'=HYPERLINK(""http://evil.example"")"',
    );
  });
});
