import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LocalDigestQueue } from '../../lib/local/digest-queue.ts';
import { digestFeedback } from '../../functions/workers.ts';
import { localDigest } from '../../lib/local/digest-runner.ts';
import { loadWorker } from '../../lib/local/workers.ts';
import { createMailTemplates } from '../../lib/local/ses.ts';
import { DIGEST_TEST_ENV, publishedEvent } from '../helpers/digest.ts';
import { useLocalTable } from '../helpers/local-table.ts';

const ses = inject('sesEndpoint');
const TABLE = 'it-digest';
let queue: LocalDigestQueue;
let startRun: Awaited<ReturnType<typeof localDigest>>['startRun'];
let findRun: Awaited<ReturnType<typeof localDigest>>['findRun'];
let unsubscribe: typeof import('../../functions/subscriptions/unsubscribe.ts');

interface StoredMail {
  destination: { to: string[] };
  subject: string;
  body: { text: string; html: string };
  headers?: { name: string; value: string }[];
}

const mailsTo = async (address: string) => {
  const store = (await (await fetch(`${ses}/store`)).json()) as { emails: StoredMail[] };
  return store.emails.filter((mail) => mail.destination.to.includes(address));
};

const titles = {
  bazar: 'Bazar Kuliner Bekasi Timur',
  training: 'Pelatihan Sertifikasi Halal',
  far: 'Pameran Besar Bulan Depan',
  cancelled: 'Temu Bisnis Batal',
};

beforeAll(async () => {
  await useLocalTable(TABLE, { ...DIGEST_TEST_ENV, SES_ENDPOINT: ses, SES_TEMPLATE_PREFIX: 'itd-' });
  await createMailTemplates(ses, 'itd-');
  const { ddb } = await import('../../functions/shared/db.ts');
  const { insertEvent } = await import('../../functions/events/store.ts');
  const subscriptions = await import('../../functions/subscriptions/store.ts');
  const { filtersOf } = await import('../../functions/subscriptions/model.ts');
  const { subscriberIdOf } = await import('../../functions/subscriptions/tokens.ts');
  const { ownerNeedsKey } = await import('../../functions/shared/keys.ts');
  const events = [
    await publishedEvent({ title: titles.bazar, type: 'bazar', needs: ['pasar'], fee: 25_000 }, 3),
    await publishedEvent(
      {
        title: titles.training,
        type: 'pelatihan',
        needs: ['sertifikasi'],
        venue: { name: 'Aula Rawalumbu', address: 'Jl. Narogong Raya', kecamatan: '32.75.05' },
      },
      5,
    ),
    await publishedEvent({ title: titles.far, type: 'pameran' }, 20),
    await publishedEvent({ title: titles.cancelled, type: 'temu_bisnis' }, 6, 'Gedung sedang direnovasi.'),
  ];
  for (const event of events) await insertEvent(event);

  const confirmed = async (
    email: string,
    preferences: { language: 'id' | 'en'; filters: Record<string, string[]> },
  ) => {
    const id = subscriberIdOf(email);
    await subscriptions.requestSubscription(id, email, {
      language: preferences.language,
      filters: filtersOf(preferences.filters),
    });
    await subscriptions.confirmSubscriber(id);
    return id;
  };
  await confirmed('ani@digest.test', { language: 'id', filters: { kecamatan: ['32.75.01'] } });
  await confirmed('bob@digest.test', { language: 'en', filters: { types: ['pelatihan'] } });
  await subscriptions.saveConfirmed(
    subscriberIdOf('citra@digest.test'),
    'citra@digest.test',
    { language: 'id', filters: filtersOf({}) },
    'owner-citra',
  );
  await ddb.send(
    new PutCommand({ TableName: TABLE, Item: { ...ownerNeedsKey('owner-citra'), needs: ['sertifikasi'] } }),
  );
  const dewi = await confirmed('dewi@digest.test', { language: 'id', filters: {} });
  await subscriptions.unsubscribeSubscriber(dewi);
  const eko = await confirmed('eko@digest.test', { language: 'id', filters: {} });
  const feedback = await loadWorker<typeof import('../../functions/digest/feedback.ts')>(digestFeedback);
  await feedback.handler({
    id: 'ev-1',
    'detail-type': 'Email Bounced',
    source: 'aws.ses',
    detail: {
      eventType: 'Bounce',
      bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [] },
      mail: { tags: { subscriber: [eko] } },
    },
  } as never);
  await confirmed('fajar@digest.test', {
    language: 'id',
    filters: { kecamatan: ['32.75.09'], types: ['lomba'] },
  });
  await subscriptions.requestSubscription(subscriberIdOf('gita@digest.test'), 'gita@digest.test', {
    language: 'id',
    filters: filtersOf({}),
  });

  unsubscribe = await import('../../functions/subscriptions/unsubscribe.ts');
  ({ startRun, findRun, queue } = await localDigest());
});

afterAll(() => undefined);

describe('the weekly digest against DynamoDB Local and the SES stand-in', () => {
  let runId: string;

  it('mails each confirmed subscriber whose filters match, once, and records the run', async () => {
    const started = await startRun({ kind: 'start' });
    expect(started.status).toBe('started');
    runId = started.runId;
    await queue.drain();
    const run = await findRun(runId, true);
    expect(run).toMatchObject({
      state: 'done',
      planned: 3,
      sent: 3,
      failed: 0,
      skipped: 1,
      events: 2,
      cancellations: 1,
    });
    expect(queue.deadLetters).toEqual({ plan: [], send: [] });
    for (const address of ['dewi@digest.test', 'eko@digest.test', 'fajar@digest.test', 'gita@digest.test'])
      expect(await mailsTo(address), address).toEqual([]);
  });

  it('gives each their own events, in their language, with cancellations called out', async () => {
    const [ani] = await mailsTo('ani@digest.test');
    expect(ani?.subject).toBe('Agenda UMKM Kota Bekasi: 1 acara dalam 2 minggu ke depan');
    expect(ani?.body.text).toContain(titles.bazar);
    expect(ani?.body.text).toContain(`DIBATALKAN: ${titles.cancelled}`);
    expect(ani?.body.text).toContain('Gedung sedang direnovasi.');
    expect(ani?.body.text).not.toContain(titles.training);
    expect(ani?.body.text).not.toContain(titles.far);
    expect(ani?.body.text).toMatch(
      /(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \d{1,2} \w+ \d{4}, 09\.00 WIB/,
    );
    expect(ani?.body.text).toContain('Biaya: Rp25.000');
    expect(ani?.body.html).toContain('Kec. Bekasi Timur');
    expect(ani?.body.text).toContain('Jl. Ir. H. Juanda No. 100');

    const [bob] = await mailsTo('bob@digest.test');
    expect(bob?.subject).toBe('Kota Bekasi UMKM events: 1 in the next 2 weeks');
    expect(bob?.body.text).toContain('Hello there,');
    expect(bob?.body.text).toMatch(
      /(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), \d{1,2} \w+ \d{4}, 09:00 WIB/,
    );
    expect(bob?.body.text).toContain(titles.training);
    expect(bob?.body.text).not.toContain(titles.bazar);
  });

  it('puts the events addressing an owner’s declared needs first, under their own heading', async () => {
    const [citra] = await mailsTo('citra@digest.test');
    const html = citra?.body.html ?? '';
    const heading = html.indexOf('Sesuai kebutuhan usaha Anda');
    expect(heading).toBeGreaterThan(-1);
    expect(heading).toBeLessThan(html.indexOf(titles.training));
    expect(html.indexOf(titles.training)).toBeLessThan(html.indexOf('Acara dalam 2 minggu ke depan'));
    expect(html.indexOf('Acara dalam 2 minggu ke depan')).toBeLessThan(html.indexOf(titles.bazar));
  });

  it('sets one-click unsubscribe headers per recipient, and the link unsubscribes', async () => {
    const [ani] = await mailsTo('ani@digest.test');
    const [bob] = await mailsTo('bob@digest.test');
    const header = (mail: StoredMail | undefined, name: string) =>
      mail?.headers?.find((h) => h.name === name)?.value ?? '';
    expect(header(ani, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const link = /^<(https:\/\/api\.umkm\.test\/subscriptions\/unsubscribe\?token=([\w.-]+))>$/.exec(
      header(ani, 'List-Unsubscribe'),
    );
    expect(link).not.toBeNull();
    expect(header(bob, 'List-Unsubscribe')).not.toBe(header(ani, 'List-Unsubscribe'));
    // The visible link opens the unsubscribe page (the header's URL is for mail clients' POST).
    expect(ani?.body.html).toContain(`https://umkm.test/langganan/berhenti?token=${link?.[2]}`);
    const { invoke } = await import('../helpers/invoke.ts');
    const response = await invoke(unsubscribe.handler, {
      method: 'POST',
      path: `/subscriptions/unsubscribe?token=${link?.[2]}`,
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(200);
  });

  it('sends nothing on a second trigger in the same week; a forced run skips the unsubscribed', async () => {
    expect((await startRun({ kind: 'start' })).status).toBe('duplicate');
    await queue.drain();
    expect(await mailsTo('bob@digest.test')).toHaveLength(1);

    const forced = await startRun({ kind: 'start', force: true });
    await queue.drain();
    expect(await findRun(forced.runId, true)).toMatchObject({ state: 'done', planned: 2, sent: 2 });
    expect(await mailsTo('ani@digest.test')).toHaveLength(1);
    expect(await mailsTo('bob@digest.test')).toHaveLength(2);
  });
});
