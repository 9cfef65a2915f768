import { CreateEmailTemplateCommand, SendBulkEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { describe, expect, inject, it } from 'vitest';

const endpoint = inject('sesEndpoint');

/** The stand-in the local runtime and later mail features rely on: bulk sends with templates, read back. */
describe('the SES v2 stand-in', () => {
  it('takes a templated bulk send and shows each message in its store', async () => {
    const ses = new SESv2Client({
      endpoint,
      region: 'ap-southeast-3',
      credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
    });
    await ses.send(
      new CreateEmailTemplateCommand({
        TemplateName: 'it-halo',
        TemplateContent: { Subject: 'Halo {{name}}', Text: 'Halo {{name}}', Html: '<p>Halo {{name}}</p>' },
      }),
    );
    const result = await ses.send(
      new SendBulkEmailCommand({
        FromEmailAddress: 'umkm@bekasikota.go.id',
        DefaultContent: { Template: { TemplateName: 'it-halo', TemplateData: '{"name":"Warga"}' } },
        BulkEmailEntries: [
          {
            Destination: { ToAddresses: ['siti@example.com'] },
            ReplacementEmailContent: { ReplacementTemplate: { ReplacementTemplateData: '{"name":"Siti"}' } },
          },
          { Destination: { ToAddresses: ['budi@example.com'] } },
        ],
      }),
    );
    ses.destroy();
    expect(result.BulkEmailEntryResults?.map((entry) => entry.Status)).toEqual(['SUCCESS', 'SUCCESS']);
    const store = (await (await fetch(`${endpoint}/store`)).json()) as {
      emails: { destination: { to: string[] }; subject: string }[];
    };
    const subjects = Object.fromEntries(
      store.emails.map((email) => [email.destination.to[0], email.subject]),
    );
    expect(subjects).toMatchObject({ 'siti@example.com': 'Halo Siti', 'budi@example.com': 'Halo Warga' });
  });
});
