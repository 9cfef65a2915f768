import { resolve, join } from 'node:path';
import { parseArgs } from 'node:util';
import { devIssuer } from '../lib/local/issuer.ts';

/** `npm run token -- --role owner|operator [--sub ID] [--email ADDRESS] [--expires 12h]`: a dev token on stdout. */
const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'owner' },
    sub: { type: 'string' },
    email: { type: 'string' },
    expires: { type: 'string', default: '12h' },
  },
});

if (values.role !== 'owner' && values.role !== 'operator') {
  process.stderr.write('--role must be owner or operator\n');
  process.exit(2);
}

const issuer = await devIssuer(join(resolve(process.env.UMKM_LOCAL_DIR ?? '.local'), 'dev-issuer.json'));
const token = await issuer.sign({
  role: values.role,
  expiresIn: values.expires,
  ...(values.sub ? { sub: values.sub } : {}),
  ...(values.email ? { email: values.email } : {}),
});
process.stdout.write(`${token}\n`);
