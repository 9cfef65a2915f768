import { recordPersonalDataAccesses } from '../audit/store.ts';
import { httpHandler, type HttpResult } from '../shared/http.ts';
import { newId } from '../shared/ids.ts';
import { dataSubjectOf } from './access.ts';
import { csvHeader, csvRow, exportColumns } from './export-rows.ts';
import { exportBusinesses as route } from './export-routes.ts';
import { createExportJob } from './export-store.ts';
import { exportFileName, exportFormatOf, exportLocation, exportView } from './export-view.ts';
import type { Business } from './model.ts';
import { listBusinesses } from './store.ts';

/**
 * The registry export. A CSV of at most INLINE_MAX_ROWS rows is the answer itself: read a page (one Query
 * on the index that fits the filters) at a time, identity data recorded as read for each owner before
 * the answer goes out. A larger set, and any XLSX (exceljs is ~1 MB: the export worker carries it, this
 * function stays small), becomes an export job: the job item is all this function writes, the export
 * worker does the rest (`export-worker.ts`), and the answer is 202 with the job's `Location`.
 * (`EXPORT_INLINE_MAX_ROWS` lowers the bound in tests, so that the asynchronous path runs on a few rows.)
 */
export const INLINE_MAX_ROWS = Number(process.env.EXPORT_INLINE_MAX_ROWS ?? 2_000);
const PAGE = 100;
const CSV = 'text/csv; charset=utf-8';

export const handler = httpHandler(route, async ({ query, caller, headers }): Promise<HttpResult> => {
  const { format: asked, identity, ...filters } = query;
  const format = exportFormatOf(asked, headers.accept);
  const withIdentity = identity === 'true';
  const requestedAt = new Date().toISOString();

  if (format === 'csv') {
    const businesses: Business[] = [];
    let cursor: string | undefined;
    do {
      const page = await listBusinesses(filters, { limit: PAGE, ...(cursor ? { cursor } : {}) });
      businesses.push(...page.items);
      cursor = page.cursor;
    } while (cursor && businesses.length <= INLINE_MAX_ROWS);
    if (!cursor && businesses.length <= INLINE_MAX_ROWS) {
      if (withIdentity)
        await recordPersonalDataAccesses(
          businesses.map((business) => ({
            subjectSub: dataSubjectOf(business),
            access: {
              at: requestedAt,
              by: caller.sub,
              action: 'read',
              record: { kind: 'business', id: business.id },
            },
          })),
        );
      const columns = exportColumns(withIdentity);
      const lines = [csvHeader(columns), ...businesses.map((business) => csvRow(columns, business))];
      return {
        body: `\uFEFF${lines.join('\r\n')}\r\n`,
        headers: {
          'Content-Type': CSV,
          'Content-Disposition': `attachment; filename="${exportFileName(requestedAt, 'csv')}"`,
          'Cache-Control': 'private, no-store',
        },
      };
    }
  }

  const job = {
    id: newId(),
    requestedBy: caller.sub,
    requestedAt,
    format,
    identity: withIdentity,
    filters,
    state: 'queued' as const,
    rows: 0,
    chunks: 0,
    legs: 0,
    updatedAt: requestedAt,
  };
  await createExportJob(job);
  return {
    status: 202,
    body: exportView(job),
    headers: { Location: exportLocation(job.id), 'Cache-Control': 'private, no-store' },
  };
});
