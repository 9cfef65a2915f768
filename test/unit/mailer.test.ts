import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

const ses = mockClient(SESv2Client);
let handler: (event: DynamoDBStreamEvent) => Promise<{ batchItemFailures: { itemIdentifier: string }[] }>;

beforeAll(async () => {
  Object.assign(process.env, {
    MAIL_FROM: 'agenda@umkm.test',
    SES_TEMPLATE_PREFIX: 'unit-',
    WEB_URL: 'https://umkm.test',
    API_URL: 'https://api.umkm.test',
    SES_CONFIGURATION_SET: 'umkm-hub-unit',
  });
  ({ handler } = await import('../../functions/mailer/send-confirmations.ts'));
});

const record = (sequence: string, mail: Record<string, unknown>) => ({
  eventID: `e-${sequence}`,
  eventName: 'INSERT' as const,
  dynamodb: {
    SequenceNumber: sequence,
    NewImage: marshall({
      PK: 'SUBSCRIBER#abc',
      SK: `OUTBOX#${sequence}`,
      kind: 'confirm',
      subscriberId: 'subscriber-id-0123456789',
      email: `warga${sequence}@example.com`,
      language: 'id',
      ...mail,
    }) as never,
  },
});
const event = (...records: ReturnType<typeof record>[]) => ({ Records: records }) as DynamoDBStreamEvent;
const sesError = (name: string) => Object.assign(new Error(name), { name });

describe('the outbox mailer', () => {
  beforeEach(() => ses.reset());

  it('sends each confirmation by template in the subscriber’s language with one-click unsubscribe headers', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'm-1' });
    const result = await handler(event(record('1', {}), record('2', { language: 'en' })));
    expect(result.batchItemFailures).toEqual([]);
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 2);
    expect(ses).toHaveReceivedNthCommandWith(SendEmailCommand, 2, {
      FromEmailAddress: 'agenda@umkm.test',
      ConfigurationSetName: 'umkm-hub-unit',
      Destination: { ToAddresses: ['warga2@example.com'] },
      Content: {
        Template: expect.objectContaining({
          TemplateName: 'unit-confirm-en',
          Headers: [
            {
              Name: 'List-Unsubscribe',
              Value: expect.stringMatching(/^<https:\/\/api\.umkm\.test\/subscriptions\/unsubscribe\?token=/),
            },
            { Name: 'List-Unsubscribe-Post', Value: 'List-Unsubscribe=One-Click' },
          ],
        }),
      },
    });
    const data = JSON.parse(
      ses.commandCalls(SendEmailCommand)[0]!.args[0].input.Content!.Template!.TemplateData!,
    );
    expect(data.expiresAt).toMatch(/WIB$/);
    expect(data.confirmUrl).toMatch(/^https:\/\/umkm\.test\/langganan\/konfirmasi\?token=/);
    // Every visible link opens a page; only the header's one-click URL is the API's.
    expect(data.preferencesUrl).toMatch(/^https:\/\/umkm\.test\/langganan\/preferensi\?token=/);
    expect(data.unsubscribeUrl).toMatch(/^https:\/\/umkm\.test\/langganan\/berhenti\?token=/);
  });

  it('reports the first throttled record so Lambda retries from there', async () => {
    ses
      .on(SendEmailCommand)
      .resolvesOnce({ MessageId: 'm-1' })
      .rejectsOnce(sesError('TooManyRequestsException'))
      .resolves({ MessageId: 'm-3' });
    const result = await handler(event(record('1', {}), record('2', {}), record('3', {})));
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: '2' }]);
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 2);
  });

  it('skips a mail SES rejects for good, and a record that is not a mail, without blocking the rest', async () => {
    ses.on(SendEmailCommand).rejectsOnce(sesError('MessageRejected')).resolves({ MessageId: 'm-2' });
    const result = await handler(event(record('1', {}), record('2', { language: 'xx' }), record('3', {})));
    expect(result.batchItemFailures).toEqual([]);
    expect(ses).toHaveReceivedCommandTimes(SendEmailCommand, 2);
  });

  it('retries when the template is missing (a deployment fault, for the on-failure queue if it lasts)', async () => {
    ses.on(SendEmailCommand).rejects(sesError('NotFoundException'));
    expect((await handler(event(record('7', {})))).batchItemFailures).toEqual([{ itemIdentifier: '7' }]);
  });
});
