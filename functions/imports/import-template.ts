import { httpHandler } from '../shared/http.ts';
import { importTemplate } from './routes.ts';
import { templateCsv, XLSX_TYPE } from './template.ts';
import { TEMPLATE_XLSX_BASE64 } from './template-xlsx.ts';

/**
 * The template in either format. The XLSX bytes are generated at build time by exceljs
 * (`npm run import:template`, into `template-xlsx.ts`), so this bundle carries ~7 KB of them instead of
 * exceljs's ~1 MB; `test/unit/imports-template.test.ts` reads them back and checks them against the columns.
 */
export const handler = httpHandler(importTemplate, ({ query }) => {
  const xlsx = query.format === 'xlsx';
  return Promise.resolve({
    body: xlsx ? Buffer.from(TEMPLATE_XLSX_BASE64, 'base64') : templateCsv(),
    headers: {
      'Content-Type': xlsx ? XLSX_TYPE : 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="template-impor-umkm.${query.format}"`,
      'Cache-Control': 'private, max-age=300',
    },
  });
});
