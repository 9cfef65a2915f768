import { findKecamatan } from '../regions/regions.ts';
import { httpHandler } from '../shared/http.ts';
import { businessStats } from './routes.ts';
import { businessCounters } from './store.ts';

export const handler = httpHandler(businessStats, async () => {
  const cells = (await businessCounters()).filter(({ count }) => count > 0);
  const byArea = cells.flatMap(({ cell, count }) =>
    cell.kind === 'area'
      ? [
          {
            kecamatan: cell.kecamatan,
            kecamatanName: findKecamatan(cell.kecamatan)?.name ?? cell.kecamatan,
            sizeClass: cell.sizeClass,
            status: cell.status,
            count,
          },
        ]
      : [],
  );
  const bySector = cells.flatMap(({ cell, count }) =>
    cell.kind === 'sector' ? [{ sector: cell.sector, status: cell.status, count }] : [],
  );
  return {
    body: { total: byArea.reduce((sum, row) => sum + row.count, 0), byArea, bySector },
    headers: { 'Cache-Control': 'private, no-store' },
  };
});
