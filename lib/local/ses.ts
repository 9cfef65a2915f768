import { CreateEmailTemplateCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { MAIL_TEMPLATES } from '../mail-templates.ts';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SesLocal {
  endpoint: string;
  stop: () => Promise<void>;
}

type StartSes = (config?: { host?: string; port?: number }) => Promise<Server>;

/**
 * The SES v2 stand-in (`aws-ses-v2-local`) in this process: the v2 API incl. SendBulkEmail and templates,
 * `GET /store` for the mail it took, and a mail viewer at `/`. The package is CommonJS, so under ESM its
 * start function sits one `default` deeper.
 */
export async function startSesLocal(options: { port: number }): Promise<SesLocal> {
  const module = (await import('aws-ses-v2-local')) as unknown as {
    default: StartSes | { default: StartSes };
  };
  const start = typeof module.default === 'function' ? module.default : module.default.default;
  const server = await start({ host: '127.0.0.1', port: options.port });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Creates the mail templates (the same the CDK stack defines) in the stand-in, named with `prefix`, unless there. */
export async function createMailTemplates(endpoint: string, prefix: string): Promise<void> {
  const ses = new SESv2Client({
    endpoint,
    region: 'ap-southeast-3',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    for (const template of MAIL_TEMPLATES) {
      // Templates already there (a stand-in the local server started) are kept.
      await ses
        .send(
          new CreateEmailTemplateCommand({
            TemplateName: `${prefix}${template.name}`,
            TemplateContent: { Subject: template.subject, Text: template.text, Html: template.html },
          }),
        )
        .catch((error: unknown) => {
          // The stand-in's error has no name the SDK knows (`Unknown`); its `type` says what it is.
          const { name, type } = error as { name?: string; type?: string };
          if (name !== 'AlreadyExistsException' && type !== 'AlreadyExistsException') throw error;
        });
    }
  } finally {
    ses.destroy();
  }
}
