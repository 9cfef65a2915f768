import type { ImportJob } from './model.ts';

/*
 * How long an import waits for its file. The presigned PUT `POST /imports` hands out works UPLOAD_SECONDS;
 * S3 checks that when the PUT starts, so a large file begun just before may still be arriving a while
 * after. A job whose file has not started being read by its deadline (URL expiry plus that grace) has
 * failed: its readers say so without writing (no Scan, no scheduled sweep), the planner refuses a file
 * arriving later and writes the failure, and the job item itself expires by TTL (`createImport`) unless
 * its file was read.
 */

/** How long the upload URL works: long enough for a large file on a slow office line. */
export const UPLOAD_SECONDS = 30 * 60;
/** Time for a PUT begun before the URL expired to finish. */
export const UPLOAD_GRACE_SECONDS = 30 * 60;
/** A job that never had its file is kept this long after its start (then DynamoDB's TTL deletes it). */
export const UNSTARTED_IMPORT_TTL_SECONDS = 30 * 24 * 3600;

export const UPLOAD_WINDOW_PASSED =
  'No file arrived while the upload URL worked (30 minutes after the start); start a new import.';

/** When a job still waiting for its file counts as failed. */
export const uploadDeadline = (job: Pick<ImportJob, 'createdAt'>): string =>
  new Date(Date.parse(job.createdAt) + (UPLOAD_SECONDS + UPLOAD_GRACE_SECONDS) * 1000).toISOString();

/**
 * The job as operators see it at `now`: one still awaiting its file after its deadline has failed, at the
 * deadline, whatever its stored state still says (the planner would refuse the file now).
 */
export function asOf(job: ImportJob, now: string): ImportJob {
  if (job.state !== 'awaiting-upload') return job;
  const deadline = uploadDeadline(job);
  if (now < deadline) return job;
  return { ...job, state: 'failed', error: UPLOAD_WINDOW_PASSED, updatedAt: deadline, finishedAt: deadline };
}
