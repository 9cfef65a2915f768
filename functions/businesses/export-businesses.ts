import { recordPersonalDataAccesses } from '../audit/store.ts';
import { httpHandler, type HttpResult } from '../shared/http.ts';
import { newId } from '../shared/ids.ts';
import { objectWriter } from '../shared/objects.ts';
import { presignObjectUrl } from '../shared/presign.ts';
import { HttpProblem } from '../shared/problem.ts';
import { exportKey } from '../shared/storage-keys.ts';
import { dataSubjectOf } from './access.ts';
import { csvHeader, csvRow, exportColumns } from './export-rows.ts';
import type { Business } from './model.ts';
import { exportBusinesses as route } from './export-routes.ts';
import { listBusinesses } from './store.ts';

/**
 * The registry export, read a page (one Query on the index that fits the filters) at a time. Up to
 * INLINE_MAX_ROWS rows it is the answer itself (CSV); beyond, the rows read so far and every further page
 * stream into an S3 object (multipart: memory flat) and the answer is a 303 to a presigned link. Past
 * SYNC_MAX_ROWS the request would run into API Gateway's 29 s limit: the operator narrows the filters.
 * (`EXPORT_INLINE_MAX_ROWS` lowers the first bound in tests, so that the S3 path runs on a few rows.)
 */
export const INLINE_MAX_ROWS = Number(process.env.EXPORT_INLINE_MAX_ROWS ?? 2_000);
export const SYNC_MAX_ROWS = 50_000;
const PAGE = 100;
const LINK_SECONDS = 15 * 60;
const CSV = 'text/csv; charset=utf-8';
const BOM = '\uFEFF';

const fileName = () =>
  `umkm-kota-bekasi-${new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10)}.csv`;

export const handler = httpHandler(route, async ({ query, caller }): Promise<HttpResult> => {
  const { format: _format, identity, ...filters } = query;
  const withIdentity = identity === 'true';
  const columns = exportColumns(withIdentity);
  const at = new Date().toISOString();
  /** Identity data is recorded as read, page by page, before the page is written anywhere. */
  const audited = async (page: Business[]) => {
    if (!withIdentity) return;
    await recordPersonalDataAccesses(
      page.map((business) => ({
        subjectSub: dataSubjectOf(business),
        access: { at, by: caller.sub, action: 'read', record: { kind: 'business', id: business.id } },
      })),
    );
  };

  let lines: string[] = [csvHeader(columns)];
  let rows = 0;
  let cursor: string | undefined;
  let file: { key: string; writer: ReturnType<typeof objectWriter> } | undefined;
  try {
    do {
      const page = await listBusinesses(filters, { limit: PAGE, ...(cursor ? { cursor } : {}) });
      cursor = page.cursor;
      rows += page.items.length;
      if (rows > SYNC_MAX_ROWS)
        throw new HttpProblem(422, `More than ${SYNC_MAX_ROWS} businesses match: narrow the filters.`, {
          type: 'export-too-large',
        });
      await audited(page.items);
      lines.push(...page.items.map((business) => csvRow(columns, business)));
      if (!file && rows > INLINE_MAX_ROWS) {
        const key = exportKey(newId());
        file = { key, writer: objectWriter(key, CSV) };
        await file.writer.write(BOM);
      }
      if (file) {
        await file.writer.write(`${lines.join('\r\n')}\r\n`);
        lines = [];
      }
    } while (cursor);
    if (!file) {
      return {
        body: `${BOM}${lines.join('\r\n')}\r\n`,
        headers: {
          'Content-Type': CSV,
          'Content-Disposition': `attachment; filename="${fileName()}"`,
          'Cache-Control': 'private, no-store',
        },
      };
    }
    await file.writer.close();
  } catch (error) {
    await file?.writer.abort();
    throw error;
  }
  const url = await presignObjectUrl('GET', file.key, {
    expiresInSeconds: LINK_SECONDS,
    downloadName: fileName(),
  });
  return {
    status: 303,
    body: { url, rows, expiresAt: new Date(Date.now() + LINK_SECONDS * 1000).toISOString() },
    headers: { Location: url, 'Cache-Control': 'private, no-store' },
  };
});
