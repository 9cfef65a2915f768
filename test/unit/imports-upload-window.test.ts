import { describe, expect, it } from 'vitest';
import { newImportJob, type ImportJob } from '../../functions/imports/model.ts';
import { asOf, UPLOAD_WINDOW_PASSED, uploadDeadline } from '../../functions/imports/upload-window.ts';
import { toImportView } from '../../functions/imports/views.ts';

const createdAt = '2026-12-01T03:00:00.000Z';
const job = (state: ImportJob['state']): ImportJob => ({
  ...newImportJob(
    {
      id: '01JDX7Q4M5ZK8V3T2N9R6C1B0A',
      fileName: 'umkm.csv',
      format: 'csv',
      label: 'Pendataan 2025',
      createdBy: 'op-1',
    },
    createdAt,
  ),
  state,
});
const at = (minutes: number) => new Date(Date.parse(createdAt) + minutes * 60_000).toISOString();

describe('an import waiting for its file', () => {
  it('has an hour: the upload URL’s 30 minutes, and 30 more for a PUT begun in time to finish', () => {
    expect(uploadDeadline(job('awaiting-upload'))).toBe(at(60));
  });

  it('is still waiting before its deadline, even once the URL expired', () => {
    expect(asOf(job('awaiting-upload'), at(45))).toEqual(job('awaiting-upload'));
    expect(asOf(job('awaiting-upload'), at(59.99))).toEqual(job('awaiting-upload'));
  });

  it('has failed from its deadline on, saying why, finished at the deadline', () => {
    for (const now of [at(60), at(61), at(60 * 24 * 7)])
      expect(toImportView(asOf(job('awaiting-upload'), now))).toMatchObject({
        state: 'failed',
        error: UPLOAD_WINDOW_PASSED,
        finishedAt: at(60),
        updatedAt: at(60),
      });
  });

  it('leaves a job whose file arrived as it is, however old', () => {
    for (const state of ['parsing', 'importing', 'reporting', 'done', 'failed'] as const)
      expect(asOf(job(state), at(60 * 24))).toEqual(job(state));
  });
});
