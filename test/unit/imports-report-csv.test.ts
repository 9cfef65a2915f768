import { describe, expect, it } from 'vitest';
import { csvLine, REPORT_HEADER } from '../../functions/imports/report-csv.ts';

describe('the import report’s CSV lines (shared cell writer)', () => {
  it('quotes, ends lines with CRLF and lets no cell or piece of one start a formula', () => {
    expect(REPORT_HEADER).toBe('row,outcome,reason,record\r\n');
    expect(csvLine([12, 'rejected', 'Nama Usaha: empty.', ''])).toBe('12,rejected,Nama Usaha: empty.,\r\n');
    expect(csvLine([3, 'rejected', '=HYPERLINK("http://x")', ''])).toBe(
      `3,rejected,"'=HYPERLINK(""http://x"")",\r\n`,
    );
    expect(csvLine([4, 'imported', 'a;-1+2', '01J'])).toBe(`4,imported,"a;'-1+2",01J\r\n`);
  });
});
