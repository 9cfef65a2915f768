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
