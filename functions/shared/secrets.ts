import { get } from 'node:http';

/**
 * Reads a Secrets Manager secret through the AWS Parameters and Secrets Lambda extension, which the stack
 * adds as a layer to every function whose row reads a secret (`lib/function.ts`): a local HTTP call
 * authenticated with the function's session token, answered from the extension's cache after the first
 * one, and no SDK client in the bundle. The secret's value never appears in the function's configuration,
 * only its ARN. Callers register the read with `beforeEachInvocation` (never at module load) and cache it.
 *
 * Through `node:http`, which the SDK's HTTP handler loads anyway, rather than `fetch`: the first `fetch` in
 * a process loads undici, which `npm run bench -- --only secret` measured at 166 ms of a cold start (README).
 */
export function readSecret(secretArn: string): Promise<string> {
  const port = process.env.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT ?? '2773';
  return new Promise((resolve, reject) => {
    const request = get(
      {
        host: 'localhost',
        port,
        path: `/secretsmanager/get?secretId=${encodeURIComponent(secretArn)}`,
        headers: { 'X-Aws-Parameters-Secrets-Token': process.env.AWS_SESSION_TOKEN ?? '' },
        timeout: 5_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          if (response.statusCode !== 200) {
            reject(new Error(`The secrets extension answered ${response.statusCode}`));
            return;
          }
          try {
            const { SecretString } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
              SecretString?: string;
            };
            if (!SecretString) throw new Error('The secret has no string value');
            resolve(SecretString);
          } catch (error) {
            reject(error instanceof Error ? error : new Error(String(error)));
          }
        });
      },
    );
    request.on('timeout', () => request.destroy(new Error('The secrets extension did not answer')));
    request.on('error', reject);
  });
}
