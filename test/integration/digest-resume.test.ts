import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { localDigest } from '../../lib/local/digest-runner.ts';
import { createMailTemplates } from '../../lib/local/ses.ts';
import { resumeDigest } from '../../lib/ops/digest-resume.ts';
import { DIGEST_TEST_ENV, publishedEvent } from '../helpers/digest.ts';
import { useLocalTable } from '../helpers/local-table.ts';

/*
 * `npm run digest -- --resume`: a run that stops part-way (the SES stand-in refusing, a batch left leased
 * by a delivery that died) is taken up again from the local queue's journal, as a new process would, and
 * every subscriber ends with exactly one mail. Against DynamoDB Local and the SES stand-in, with a proxy
 * in front of the stand-in that refuses bulk sends while told to.
 */
const ses = inject('sesEndpoint');
const TABLE = 'it-digest-resume';
const SUBSCRIBERS = 130; // three batches of at most 50
const address = (n: number) => `pelanggan${n}@resume.test`;
let proxy: Server;
/** Bulk sends the proxy still lets through before it answers 503; Infinity lets all through. */
let allowedBulkSends = Number.POSITIVE_INFINITY;
const journal = join(mkdtempSync(join(tmpdir(), 'umkm-digest-resume-')), 'digest-queue.jsonl');

const mailCounts = async () => {
  const store = (await (await fetch(`${ses}/store`)).json()) as {
    emails: { destination: { to: string[] } }[];
  };
  const counts = new Map<string, number>();
  for (const mail of store.emails)
    for (const to of mail.destination.to)
      if (to.endsWith('@resume.test')) counts.set(to, (counts.get(to) ?? 0) + 1);
  return counts;
};

beforeAll(async () => {
  const target = new URL(ses);
  proxy = createServer((incoming, outgoing) => {
    if (incoming.method === 'POST' && incoming.url?.startsWith('/v2/email/outbound-bulk-emails')) {
      if (allowedBulkSends <= 0) {
        incoming.resume();
        outgoing.writeHead(503, {
          'content-type': 'application/json',
          'x-amzn-errortype': 'ServiceUnavailable',
        });
        outgoing.end(JSON.stringify({ message: 'refused by the test' }));
        return;
      }
      allowedBulkSends--;
    }
    const forward = request(
      {
        host: target.hostname,
        port: target.port,
        path: incoming.url,
        method: incoming.method,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  await useLocalTable(TABLE, {
    ...DIGEST_TEST_ENV,
    SES_ENDPOINT: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    SES_TEMPLATE_PREFIX: 'itr-',
    // One try per call (no SDK or sender retries): a refusal fails the delivery at once.
    AWS_MAX_ATTEMPTS: '1',
    SES_ATTEMPTS: '1',
  });
  await createMailTemplates(ses, 'itr-');
  const { insertEvent } = await import('../../functions/events/store.ts');
  const subscriptions = await import('../../functions/subscriptions/store.ts');
  const { filtersOf } = await import('../../functions/subscriptions/model.ts');
  const { subscriberIdOf } = await import('../../functions/subscriptions/tokens.ts');
  await insertEvent(await publishedEvent({ title: 'Bazar UMKM Akhir Pekan', type: 'bazar' }, 3));
  for (let n = 0; n < SUBSCRIBERS; n++) {
    const id = subscriberIdOf(address(n));
    await subscriptions.requestSubscription(id, address(n), { language: 'id', filters: filtersOf({}) });
    await subscriptions.confirmSubscriber(id);
  }
});

afterAll(
  () =>
    new Promise<void>((resolve) => {
      proxy.closeAllConnections();
      proxy.close(() => resolve());
    }),
);

describe('resuming a digest run that stopped part-way (DynamoDB Local, SES stand-in)', () => {
  let runId: string;

  it('leaves the run sending, with the refused batches in the journal, when SES refuses part-way', async () => {
    allowedBulkSends = 1;
    const digest = await localDigest({ journal });
    const started = await digest.startRun({ kind: 'start' });
    expect(started.status).toBe('started');
    runId = started.runId;
    await digest.queue.drain();
    const run = await digest.findRun(runId, true);
    expect(run).toMatchObject({
      state: 'sending',
      planned: SUBSCRIBERS,
      sent: 50,
      batchesPlanned: 3,
      batchesDone: 1,
    });
    expect(digest.queue.deadLetters.send).toHaveLength(2);
    expect([...(await mailCounts()).values()]).toEqual(Array.from({ length: 50 }, () => 1));
    // The journal is the only trace of the unsent batches once this "process" is gone.
    expect(readFileSync(journal, 'utf8')).toContain('"op":"dead"');
  });

  it('does not finish while a batch is still leased by a delivery that stopped, and mails no one twice', async () => {
    allowedBulkSends = Number.POSITIVE_INFINITY;
    const { claimBatch } = await import('../../functions/digest/batch-store.ts');
    const restarted = await localDigest({ journal });
    // A delivery that died mid-send holds one of the unsent batches for another 2 seconds.
    const lines = readFileSync(journal, 'utf8')
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { op: string; id: string; queue?: string; body?: string });
    const deadIds = new Set(lines.filter((line) => line.op === 'dead').map((line) => line.id));
    expect(deadIds.size).toBe(2);
    const holder = lines
      .filter((line) => line.op === 'add' && line.queue === 'send' && deadIds.has(line.id))
      .map((line) => JSON.parse(line.body ?? '') as { batchId: string; recipients: unknown[] })[0];
    expect(holder).toBeDefined();
    const leaseHeld = await claimBatch(runId, holder!.batchId, 2_000, Date.now());
    expect(leaseHeld).not.toBe('busy');

    const outcome = await resumeDigest(restarted, runId);
    expect(outcome).toMatchObject({ status: 'resumed', runId, batches: 2, shards: 0 });
    await restarted.queue.drain();
    restarted.queue.compact();
    const run = await restarted.findRun(runId, true);
    expect(run?.state).toBe('sending');
    expect(run?.batchesDone).toBe(2);
    const counts = await mailCounts();
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    expect(counts.size).toBe(SUBSCRIBERS - (holder?.recipients.length ?? 0));
  });

  it('finishes on the next resume once the lease ran out: every subscriber has exactly one mail', async () => {
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const again = await localDigest({ journal });
    const outcome = await resumeDigest(again); // the newest run
    expect(outcome).toMatchObject({ status: 'resumed', runId, batches: 1 });
    await again.queue.drain();
    again.queue.compact();
    const run = await again.findRun(runId, true);
    expect(run).toMatchObject({ state: 'done', planned: SUBSCRIBERS, sent: SUBSCRIBERS, batchesDone: 3 });
    const counts = await mailCounts();
    expect(counts.size).toBe(SUBSCRIBERS);
    for (let n = 0; n < SUBSCRIBERS; n++) expect(counts.get(address(n)), address(n)).toBe(1);
    expect(readFileSync(journal, 'utf8')).toBe('');
  });

  it('leaves a finished run alone: resuming it again sends nothing', async () => {
    const later = await localDigest({ journal });
    expect(await resumeDigest(later, runId)).toEqual({ status: 'finished', runId, state: 'done' });
    await later.queue.drain();
    expect((await mailCounts()).size).toBe(SUBSCRIBERS);
    expect([...(await mailCounts()).values()].every((count) => count === 1)).toBe(true);
    expect(await resumeDigest(later, '2001-W01')).toEqual({ status: 'missing', runId: '2001-W01' });
  });
});
