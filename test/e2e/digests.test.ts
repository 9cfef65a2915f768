import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { devIssuer } from '../../lib/local/issuer.ts';
import { apiClient } from '../helpers/client.ts';

/**
 * The weekly digest's operator routes over HTTP: the runs so far, a run by its week, and the preview of
 * the mail as a subscriber in a kecamatan would get it. (Sending one is `npm run digest`, tested in
 * test/integration/digest.test.ts; here nothing is mailed, so the other suites' mailboxes stay as they are.)
 */
const issuer = await devIssuer(join(inject('localDir'), 'dev-issuer.json'));
const operator = apiClient(await issuer.sign({ role: 'operator', sub: 'e2e-digest-operator' }));
const owner = apiClient(await issuer.sign({ role: 'owner', sub: 'e2e-digest-owner' }));

describe('the weekly digest’s operator routes', () => {
  it('lists the runs and reads one by its week; an unsent week is 404', async () => {
    const runs = await operator.GET('/digests', { params: { query: { limit: 10 } } });
    expect(runs.response.status).toBe(200);
    expect(runs.data?.items.length).toBeLessThanOrEqual(10);
    const unsent = await operator.GET('/digests/{week}', { params: { path: { week: '2020-W01' } } });
    expect(unsent.response.status).toBe(404);
    expect(unsent.response.headers.get('content-type')).toBe('application/problem+json');
    const first = runs.data?.items[0];
    if (first) {
      const read = await operator.GET('/digests/{week}', { params: { path: { week: first.week } } });
      expect(read.response.status).toBe(200);
    }
    const malformed = await operator.GET('/digests/{week}', { params: { path: { week: 'minggu-ini' } } });
    expect(malformed.response.status).toBe(400);
  });

  it('previews this week’s mail in either language for a kecamatan, for operators only', async () => {
    const preview = await operator.GET('/digests/preview', {
      params: { query: { language: 'id', kecamatan: '32.75.01' } },
      parseAs: 'text',
    });
    expect(preview.response.status).toBe(200);
    expect(preview.response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(preview.data).toContain('<html lang="id"');
    const english = await operator.GET('/digests/preview', {
      params: { query: { language: 'en' } },
      parseAs: 'text',
    });
    expect(english.data).toContain('<html lang="en"');
    expect((await owner.GET('/digests/preview')).response.status).toBe(403);
    expect((await owner.GET('/digests')).response.status).toBe(403);
  });
});
