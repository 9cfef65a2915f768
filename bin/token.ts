import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { devIssuer } from '../lib/local/issuer.ts';
import { scriptSetup } from '../lib/local/settings.ts';

/** `npm run token -- --role owner|operator [--sub ID] [--email ADDRESS] [--expires 12h]`: a dev token on stdout. */
const { values, settings } = scriptSetup(
  [
    'Usage: npm run token -- [--role owner|operator] [--sub ID] [--email ADDRESS] [--expires 12h]',
    '',
    'Prints a bearer token the local API (npm start) accepts, signed by its dev issuer.',
    '  --role      owner (default) or operator',
    '  --sub       the account id',
    '  --email     the email claim',
    '  --expires   lifetime, e.g. 30m, 12h (default 12h)',
  ].join('\n'),
  () =>
    parseArgs({
      options: {
        role: { type: 'string', default: 'owner' },
        sub: { type: 'string' },
        email: { type: 'string' },
        expires: { type: 'string', default: '12h' },
      },
    }).values,
);

if (values.role !== 'owner' && values.role !== 'operator') {
  process.stderr.write('--role must be owner or operator\n');
  process.exit(2);
}

const issuerFile = join(settings.directory, 'dev-issuer.json');
if (!existsSync(issuerFile)) {
  process.stderr.write(
    `No local data in ${settings.directory}: start the local backend first (npm start).\n`,
  );
  process.exit(1);
}
const issuer = await devIssuer(issuerFile);
let token: string;
try {
  token = await issuer.sign({
    role: values.role,
    expiresIn: values.expires,
    ...(values.sub ? { sub: values.sub } : {}),
    ...(values.email ? { email: values.email } : {}),
  });
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\nTry --help.\n`);
  process.exit(2);
}
process.stdout.write(`${token}\n`);
