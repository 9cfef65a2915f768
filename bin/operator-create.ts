import { parseArgs } from 'node:util';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { createOperator } from '../lib/ops/operators.ts';

const HELP = `npm run operator:create -- --user-pool-id ID --email ADDRESS

Creates a Dinas operator in the stage's Cognito user pool (its id is the stack output UserPoolId) and adds
it to the operators group. Cognito mails a temporary password; the operator enrols TOTP at first sign-in
(docs/runbook.md). Locally there is no Cognito: \`npm run token -- --role operator\` signs a dev token.
`;
const { values } = parseArgs({
  options: {
    'user-pool-id': { type: 'string' },
    email: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help || !values['user-pool-id'] || !values.email) {
  process.stdout.write(HELP);
  process.exit(values.help ? 0 : 2);
}
try {
  const { created } = await createOperator(
    new CognitoIdentityProviderClient({}),
    values['user-pool-id'],
    values.email,
  );
  process.stdout.write(
    created
      ? 'Operator created; Cognito mailed the temporary password.\n'
      : 'The account existed; it is now an operator.\n',
  );
} catch (error) {
  process.stderr.write(`Failed: ${(error as Error).message}\n`);
  process.exit(1);
}
