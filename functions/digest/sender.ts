import { setTimeout as sleep } from 'node:timers/promises';
import {
  SESv2Client,
  SendBulkEmailCommand,
  type BulkEmailEntry,
  type BulkEmailEntryResult,
} from '@aws-sdk/client-sesv2';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { requireEnv } from '../shared/config.ts';
import { logger } from '../shared/logger.ts';
import { prerequisites } from '../shared/prerequisites.ts';
import { signToken } from '../subscriptions/tokens.ts';
import type { RenderedContent } from './content.ts';
import { BatchMessage, messageOf } from './messages.ts';
import { stillConfirmed } from '../subscriptions/store.ts';
import { claimBatch, recordAttempt, releaseBatch } from './batch-store.ts';
import { findContent } from './plan-store.ts';
import { completeIfSent } from './run-store.ts';
import {
  DIGEST_TEMPLATES,
  greeting,
  linkData,
  programmeAddressData,
  type DigestTemplateData,
} from './templates.ts';

/**
 * The digest sender: one SQS message is one batch of at most 50 recipients of one language, sent with one
 * SES v2 SendBulkEmail by the language's stored template, each recipient with their own data and their
 * own one-click unsubscribe headers. A marker per batch (claimed before sending, updated after) means a
 * redelivered batch is never sent again, and a retry sends only the recipients not yet done. Retryable
 * failures are retried here with backoff, then through SQS (ReportBatchItemFailures); after a few
 * receives the message goes to the dead-letter queue.
 */
const mailFrom = requireEnv('MAIL_FROM');
const templatePrefix = requireEnv('SES_TEMPLATE_PREFIX');
const webUrl = requireEnv('WEB_URL');
const apiUrl = requireEnv('API_URL');
const programmeAddress = requireEnv('PROGRAMME_ADDRESS');
const configurationSet = process.env.SES_CONFIGURATION_SET;
/** Each batch takes at least this long, so that maxConcurrency senders stay within the SES send rate. */
const minBatchMs = Number(process.env.SES_MIN_BATCH_MS ?? 0);
/** How long a delivery holds a batch before another may take it over (the queue's visibility timeout). */
const leaseMs = Number(process.env.BATCH_LEASE_SECONDS ?? 360) * 1000;
const ATTEMPTS = Number(process.env.SES_ATTEMPTS ?? 3);
const BACKOFF_MS = Number(process.env.SES_BACKOFF_MS ?? 200);

const ses = new SESv2Client(process.env.SES_ENDPOINT ? { endpoint: process.env.SES_ENDPOINT } : {});

/** Per-recipient statuses worth another try; anything else but SUCCESS is final for that recipient. */
const RETRYABLE_STATUSES = new Set([
  'ACCOUNT_THROTTLED',
  'ACCOUNT_DAILY_QUOTA_EXCEEDED',
  'ACCOUNT_SENDING_PAUSED',
  'TRANSIENT_FAILURE',
  'FAILED',
  'TEMPLATE_DOES_NOT_EXIST',
  'CONFIGURATION_SET_DOES_NOT_EXIST',
  'MAIL_FROM_DOMAIN_NOT_VERIFIED',
]);
/** Whole-call errors worth another try (throttling, SES busy); others fail the delivery at once. */
const RETRYABLE_ERRORS = new Set([
  'TooManyRequestsException',
  'LimitExceededException',
  'ThrottlingException',
  'InternalFailure',
  'ServiceUnavailable',
  'TimeoutError',
]);

const contents = new Map<string, RenderedContent>();

async function contentOf(runId: string, contentId: string): Promise<RenderedContent> {
  const key = `${runId}/${contentId}`;
  let content = contents.get(key);
  if (!content) {
    content = await findContent(runId, contentId);
    if (!content) throw new Error(`content ${contentId} of run ${runId} is missing`);
    contents.set(key, content);
  }
  return content;
}

const contentData = (content: RenderedContent) => ({
  subject: content.subject,
  contentHtml: content.html,
  contentText: content.text,
});

/** The entry of one recipient: their data (content only when it differs from the batch's default) and headers. */
function entryOf(
  batch: BatchMessage,
  recipient: BatchMessage['recipients'][number],
  content: RenderedContent,
  isDefault: boolean,
): BulkEmailEntry {
  const manageToken = signToken('manage', recipient.id);
  // Mail clients POST the header's URL (RFC 8058 one-click); people follow the visible link to a page.
  const oneClickUrl = `${apiUrl}/subscriptions/unsubscribe?token=${manageToken}`;
  const data: Partial<DigestTemplateData> = {
    ...greeting(batch.language, recipient.name),
    ...linkData(
      `${webUrl}/langganan/preferensi?token=${manageToken}`,
      `${webUrl}/langganan/berhenti?token=${manageToken}`,
    ),
    ...(isDefault ? {} : contentData(content)),
  };
  return {
    Destination: { ToAddresses: [recipient.email] },
    ReplacementEmailContent: { ReplacementTemplate: { ReplacementTemplateData: JSON.stringify(data) } },
    ReplacementHeaders: [
      { Name: 'List-Unsubscribe', Value: `<${oneClickUrl}>` },
      { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
    ],
    ReplacementTags: [{ Name: 'subscriber', Value: recipient.id }],
  };
}

type Outcome = 'sent' | 'rejected' | 'retry';

async function sendOnce(batch: BatchMessage, recipients: BatchMessage['recipients']): Promise<Outcome[]> {
  const counts = new Map<string, number>();
  for (const recipient of recipients) counts.set(recipient.content, (counts.get(recipient.content) ?? 0) + 1);
  const defaultContent = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  const entries: BulkEmailEntry[] = [];
  for (const recipient of recipients) {
    const content = await contentOf(batch.runId, recipient.content);
    entries.push(entryOf(batch, recipient, content, recipient.content === defaultContent));
  }
  const defaultData = {
    ...contentData(await contentOf(batch.runId, defaultContent)),
    ...programmeAddressData(programmeAddress),
  };
  const { BulkEmailEntryResults } = await ses.send(
    new SendBulkEmailCommand({
      FromEmailAddress: mailFrom,
      DefaultContent: {
        Template: {
          TemplateName: `${templatePrefix}${DIGEST_TEMPLATES[batch.language].name}`,
          TemplateData: JSON.stringify(defaultData),
        },
      },
      BulkEmailEntries: entries,
      DefaultEmailTags: [
        { Name: 'kind', Value: 'digest' },
        { Name: 'run', Value: batch.runId },
      ],
      ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
    }),
  );
  return recipients.map((_, index) => outcomeOf(BulkEmailEntryResults?.[index]));
}

const outcomeOf = (result: BulkEmailEntryResult | undefined): Outcome => {
  if (result?.Status === 'SUCCESS') return 'sent';
  return result?.Status === undefined || RETRYABLE_STATUSES.has(result.Status) ? 'retry' : 'rejected';
};

/** Sends what is left of a batch. True when the batch is finished; false when it must be retried later. */
export async function sendBatch(batch: BatchMessage, nowMs = Date.now()): Promise<boolean> {
  const marker = await claimBatch(batch.runId, batch.batchId, leaseMs, nowMs);
  if (marker === 'busy') return false;
  if (marker.state === 'sent') {
    logger.info('batch was sent already; not again', { runId: batch.runId, batchId: batch.batchId });
    return true;
  }
  let pending = batch.recipients.filter((recipient) => !marker.done.has(recipient.id));
  const confirmed = await stillConfirmed(pending.map((recipient) => recipient.id));
  const gone = pending.filter((recipient) => !confirmed.has(recipient.id)).map((recipient) => recipient.id);
  pending = pending.filter((recipient) => confirmed.has(recipient.id));
  if (gone.length > 0)
    await recordAttempt(batch.runId, batch.batchId, {
      done: gone,
      sent: 0,
      failed: 0,
      skipped: gone.length,
      finished: false,
    });

  for (let attempt = 1; pending.length > 0 && attempt <= ATTEMPTS; attempt++) {
    if (attempt > 1) await sleep(BACKOFF_MS * 2 ** (attempt - 2) * (0.5 + Math.random()));
    let outcomes: Outcome[];
    try {
      outcomes = await sendOnce(batch, pending);
    } catch (error) {
      const errorName = (error as Error).name;
      if (!RETRYABLE_ERRORS.has(errorName)) throw error;
      logger.warn('SES refused the batch for now; backing off', {
        batchId: batch.batchId,
        errorName,
        attempt,
      });
      continue;
    }
    const sent = pending.filter((_, index) => outcomes[index] === 'sent');
    const rejected = pending.filter((_, index) => outcomes[index] === 'rejected');
    pending = pending.filter((_, index) => outcomes[index] === 'retry');
    await recordAttempt(batch.runId, batch.batchId, {
      done: [...sent, ...rejected].map((recipient) => recipient.id),
      sent: sent.length,
      failed: rejected.length,
      skipped: 0,
      finished: pending.length === 0,
    });
    if (rejected.length > 0)
      logger.warn('SES rejected recipients for good', { batchId: batch.batchId, rejected: rejected.length });
  }
  if (pending.length > 0) {
    logger.warn('recipients still failing; the batch goes back to the queue', {
      batchId: batch.batchId,
      pending: pending.length,
    });
    await releaseBatch(batch.runId, batch.batchId);
    return false;
  }
  if (batch.recipients.every((recipient) => marker.done.has(recipient.id) || gone.includes(recipient.id)))
    await recordAttempt(batch.runId, batch.batchId, {
      done: [],
      sent: 0,
      failed: 0,
      skipped: 0,
      finished: true,
    });
  await completeIfSent(batch.runId, nowMs);
  return true;
}

async function deliver(record: SQSRecord): Promise<boolean> {
  const batch = messageOf(record.body, BatchMessage);
  if (!batch.success) {
    logger.error('batch message is not valid; to the dead-letter queue', { messageId: record.messageId });
    return false;
  }
  return sendBatch(batch.data);
}

export async function handler(event: SQSEvent): Promise<SQSBatchResponse> {
  await prerequisites();
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const started = Date.now();
    try {
      if (!(await deliver(record))) batchItemFailures.push({ itemIdentifier: record.messageId });
    } catch (error) {
      logger.error('batch failed; it will be retried', {
        messageId: record.messageId,
        errorName: (error as Error).name,
      });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
    const rest = minBatchMs - (Date.now() - started);
    if (rest > 0) await sleep(rest);
  }
  return { batchItemFailures };
}
