import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import { EMAIL } from '../shared/patterns.ts';
import { requireEnv } from '../shared/config.ts';
import { logger } from '../shared/logger.ts';
import { prerequisites } from '../shared/prerequisites.ts';
import { LANGUAGES } from '../subscriptions/schemas.ts';
import { signToken, tokenExpiry } from '../subscriptions/tokens.ts';
import { displayCode } from '../claims/codes.ts';
import { CLAIM_CODE_TEMPLATE, CONFIRMATION_TEMPLATES, claimCodeData, confirmationData } from './templates.ts';

/**
 * The outbox mailer: invoked by the table's stream for new outbox items only (see `filter.ts`), it sends
 * each confirmation mail through SES v2 by template name. A transient failure (throttling, SES paused)
 * reports the record as failed so that Lambda retries from there (bisecting the batch, then the on-failure
 * queue); a mail SES rejects for good is logged and skipped so one bad address cannot block the shard.
 */
const mailFrom = requireEnv('MAIL_FROM');
const templatePrefix = requireEnv('SES_TEMPLATE_PREFIX');
const webUrl = requireEnv('WEB_URL');
const apiUrl = requireEnv('API_URL');
const configurationSet = process.env.SES_CONFIGURATION_SET;

const ses = new SESv2Client(process.env.SES_ENDPOINT ? { endpoint: process.env.SES_ENDPOINT } : {});

const ConfirmationMail = z.object({
  kind: z.literal('confirm'),
  subscriberId: z.string().check(z.minLength(10)),
  email: z.string().check(z.regex(EMAIL)),
  name: z.optional(z.string()),
  language: z.enum(LANGUAGES),
});

/** A claim's one-time code, to the address on the claimed record (functions/claims). */
const ClaimCodeMail = z.object({
  kind: z.literal('claim-code'),
  claimId: z.string().check(z.minLength(10)),
  email: z.string().check(z.regex(EMAIL)),
  code: z.string().check(z.regex(/^[0-9A-Z]{8}$/)),
  businessName: z.string().check(z.minLength(1), z.maxLength(200)),
  validUntil: z.string(),
  language: z.enum(LANGUAGES),
});

const OutboxMail = z.discriminatedUnion('kind', [ConfirmationMail, ClaimCodeMail]);

/** Errors that retrying will not fix: the message itself is refused. */
const PERMANENT = new Set(['MessageRejected', 'BadRequestException', 'AccountSuspendedException']);

const wib = (date: Date, language: 'id' | 'en') =>
  `${new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'id-ID', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: 'Asia/Jakarta',
  }).format(date)} WIB`;

async function sendClaimCode(mail: z.output<typeof ClaimCodeMail>): Promise<void> {
  const data = claimCodeData({
    businessName: mail.businessName,
    code: displayCode(mail.code),
    validUntil: wib(new Date(mail.validUntil), mail.language),
  });
  await ses.send(
    new SendEmailCommand({
      FromEmailAddress: mailFrom,
      Destination: { ToAddresses: [mail.email] },
      Content: {
        Template: {
          TemplateName: `${templatePrefix}${CLAIM_CODE_TEMPLATE.name}`,
          TemplateData: JSON.stringify(data),
        },
      },
      EmailTags: [{ Name: 'kind', Value: 'claim-code' }],
      ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
    }),
  );
}

async function sendConfirmation(mail: z.output<typeof ConfirmationMail>): Promise<void> {
  const confirmToken = signToken('confirm', mail.subscriberId);
  const manageToken = signToken('manage', mail.subscriberId);
  // Mail clients POST the header's URL (RFC 8058 one-click); people follow the visible link to a page.
  const oneClickUrl = `${apiUrl}/subscriptions/unsubscribe?token=${manageToken}`;
  const data = confirmationData({
    name: mail.name,
    language: mail.language,
    confirmUrl: `${webUrl}/langganan/konfirmasi?token=${confirmToken}`,
    expiresAt: wib(tokenExpiry(confirmToken), mail.language),
    preferencesUrl: `${webUrl}/langganan/preferensi?token=${manageToken}`,
    unsubscribeUrl: `${webUrl}/langganan/berhenti?token=${manageToken}`,
  });
  await ses.send(
    new SendEmailCommand({
      FromEmailAddress: mailFrom,
      Destination: { ToAddresses: [mail.email] },
      Content: {
        Template: {
          TemplateName: `${templatePrefix}${CONFIRMATION_TEMPLATES[mail.language].name}`,
          TemplateData: JSON.stringify(data),
          Headers: [
            { Name: 'List-Unsubscribe', Value: `<${oneClickUrl}>` },
            { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
          ],
        },
      },
      // The subscriber tag lets the SES feedback function suppress without looking up the address.
      EmailTags: [
        { Name: 'kind', Value: 'confirm' },
        { Name: 'subscriber', Value: mail.subscriberId },
      ],
      ...(configurationSet ? { ConfigurationSetName: configurationSet } : {}),
    }),
  );
}

function mailOf(record: DynamoDBRecord) {
  const image = record.dynamodb?.NewImage as Record<string, AttributeValue> | undefined;
  return OutboxMail.safeParse(image ? unmarshall(image) : undefined);
}

export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  await prerequisites();
  for (const record of event.Records) {
    const mail = mailOf(record);
    if (!mail.success) {
      logger.error('outbox record is not a mail; skipped', { eventId: record.eventID });
      continue;
    }
    try {
      if (mail.data.kind === 'claim-code') await sendClaimCode(mail.data);
      else await sendConfirmation(mail.data);
      logger.info('outbox mail sent', {
        eventId: record.eventID,
        kind: mail.data.kind,
        language: mail.data.language,
      });
    } catch (error) {
      const errorName = (error as Error).name;
      if (PERMANENT.has(errorName)) {
        logger.error('outbox mail rejected; skipped', { eventId: record.eventID, errorName });
        continue;
      }
      logger.warn('outbox mail failed; retrying from this record', {
        eventId: record.eventID,
        errorName,
      });
      // Streams are ordered: report the first failure, and Lambda retries it and everything after it.
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
}
