import { describe, expect, it } from 'vitest';
import { findPersonalData } from '../logs/scan.ts';

describe('the log scan', () => {
  it('finds NIKs, email addresses and mobile numbers', () => {
    expect(findPersonalData('{"nik":"3275015403880123"}')).toHaveLength(1);
    expect(findPersonalData('owner siti@example.com registered')).toHaveLength(1);
    expect(findPersonalData('call +6281234567890 or 081234567890')).toHaveLength(1);
  });

  it('leaves ids, timestamps and counts alone', () => {
    const line =
      '{"level":"INFO","timestamp":"2026-11-27T22:50:30.738Z","requestId":"2b03d035-2b1b-4ea0-a4f1-082371020045","id":"01M8FHTPB46D1HNWNMR3S3M6Y6","durationMs":12,"size":251333}';
    expect(findPersonalData(line)).toEqual([]);
  });
});
