import { httpHandler } from '../shared/http.ts';
import { newId } from '../shared/ids.ts';
import { presignObjectUrl } from '../shared/presign.ts';
import { importUploadKey } from '../shared/storage-keys.ts';
import { newImportJob } from './model.ts';
import { startImport } from './routes.ts';
import { createImport } from './store.ts';
import { XLSX_TYPE } from './template.ts';
import { UPLOAD_SECONDS } from './upload-window.ts';
import { toImportView } from './views.ts';

const CONTENT_TYPES = { csv: 'text/csv', xlsx: XLSX_TYPE } as const;

/**
 * Records the job (waiting for its file) and hands out a presigned PUT for its upload key; the object's
 * creation wakes the planner. The content type is signed, so the PUT must send exactly that one.
 */
export const handler = httpHandler(startImport, async ({ body, caller }) => {
  const job = newImportJob({
    id: newId(),
    fileName: body.fileName,
    format: body.format,
    label: body.source,
    mapping: body.mapping,
    sheet: body.sheet,
    createdBy: caller.sub,
  });
  await createImport(job);
  const contentType = CONTENT_TYPES[body.format];
  const url = await presignObjectUrl('PUT', importUploadKey(job.id, job.format), {
    expiresInSeconds: UPLOAD_SECONDS,
    contentType,
  });
  return {
    status: 201,
    headers: { Location: `/imports/${job.id}`, 'Cache-Control': 'no-store' },
    body: {
      import: toImportView(job),
      upload: {
        method: 'PUT' as const,
        url,
        headers: { 'content-type': contentType },
        expiresAt: new Date(Date.now() + UPLOAD_SECONDS * 1000).toISOString(),
      },
    },
  };
});
