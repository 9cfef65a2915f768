import { recordPersonalDataAccesses } from '../audit/store.ts';
import { httpHandler } from '../shared/http.ts';
import { HttpProblem } from '../shared/problem.ts';
import { dataSubjectOf } from './access.ts';
import { csvHeader, csvRow, exportColumns } from './export-rows.ts';
import type { Business } from './model.ts';
import { exportBusinesses as route } from './routes.ts';
import { listBusinesses, type BusinessFilters } from './store.ts';

/**
 * The registry export as one CSV answer: the list's filters, read a page (one Query on the index that
 * fits) at a time. An answer stays well under Lambda's 6 MB: past INLINE_MAX_ROWS the operator is asked
 * to narrow the filters (large sets through S3 are still to come).
 */
export const INLINE_MAX_ROWS = 5_000;
const PAGE = 100;

async function collect(filters: BusinessFilters): Promise<Business[]> {
  const businesses: Business[] = [];
  let cursor: string | undefined;
  do {
    const page = await listBusinesses(filters, { limit: PAGE, ...(cursor ? { cursor } : {}) });
    businesses.push(...page.items);
    if (businesses.length > INLINE_MAX_ROWS)
      throw new HttpProblem(422, `More than ${INLINE_MAX_ROWS} businesses match: narrow the filters.`, {
        type: 'export-too-large',
      });
    cursor = page.cursor;
  } while (cursor);
  return businesses;
}

export const handler = httpHandler(route, async ({ query, caller }) => {
  const { format: _format, identity, ...filters } = query;
  const withIdentity = identity === 'true';
  const businesses = await collect(filters);
  if (withIdentity) {
    const at = new Date().toISOString();
    await recordPersonalDataAccesses(
      businesses.map((business) => ({
        subjectSub: dataSubjectOf(business),
        access: { at, by: caller.sub, action: 'read', record: { kind: 'business', id: business.id } },
      })),
    );
  }
  const columns = exportColumns(withIdentity);
  const lines = [csvHeader(columns), ...businesses.map((business) => csvRow(columns, business))];
  const day = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  return {
    // A byte-order mark, so that Excel reads the file as UTF-8.
    body: `\uFEFF${lines.join('\r\n')}\r\n`,
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="umkm-kota-bekasi-${day}.csv"`,
      'Cache-Control': 'private, no-store',
    },
  };
});
