import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LOCAL_TABLE_NAME } from '../lib/local/runtime.ts';
import { localEndpoints, scriptSetup } from '../lib/local/settings.ts';

const USAGE = `Usage: npm run release-suppression -- ADDRESS [--stage]

Lifts the suppression SES feedback put on ADDRESS (a hard bounce or a complaint), so that a new
subscription request for it sends a confirmation mail again. Nothing else lifts it. The subscriber
becomes "unsubscribed" and its stored address and name are forgotten.

  (default)  the local backend npm start runs: DynamoDB Local on 127.0.0.1:$DYNAMODB_PORT (8000),
             the keyring in $UMKM_LOCAL_DIR/subscription-keys.json (.local)
  --stage    a deployed stage: TABLE_NAME and SUBSCRIPTION_SECRET from the environment (the stack's
             table and the value of its SubscriptionSecret, the keyring), AWS credentials and region as the AWS
             CLI finds them

Exit status: 0 released, 1 the address was not suppressed (nothing changed), 2 usage error.`;

const { values, settings } = scriptSetup(USAGE, () => {
  const parsed = parseArgs({
    allowPositionals: true,
    options: { stage: { type: 'boolean', default: false } },
  });
  if (parsed.positionals.length !== 1) throw new Error('Give exactly one address.');
  return { stage: parsed.values.stage, address: parsed.positionals[0] ?? '' };
});
const fail = (message: string): never => {
  process.stderr.write(`${message}\nTry --help.\n`);
  process.exit(2);
};

if (values.stage) {
  if (!process.env.TABLE_NAME || !process.env.SUBSCRIPTION_SECRET)
    fail('--stage needs TABLE_NAME and SUBSCRIPTION_SECRET in the environment.');
} else {
  const keysFile = join(settings.directory, 'subscription-keys.json');
  if (!existsSync(keysFile)) fail(`No ${keysFile}: start the local backend first (npm start).`);
  Object.assign(process.env, {
    TABLE_NAME: LOCAL_TABLE_NAME,
    DYNAMODB_ENDPOINT: localEndpoints(settings).dynamoDbEndpoint,
    AWS_REGION: 'ap-southeast-3',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    SUBSCRIPTION_KEYS_FILE: keysFile,
  });
}

// The functions' own modules (loaded after the environment is set): the same key and the same store.
const { normaliseEmail } = await import('../functions/shared/validation.ts');
const { subscriberIdOf } = await import('../functions/subscriptions/tokens.ts');
const { releaseSuppression } = await import('../functions/subscriptions/store.ts');

const released = await releaseSuppression(subscriberIdOf(normaliseEmail(values.address)));
process.stdout.write(
  released
    ? 'Released: the address may subscribe again (a new request sends a confirmation mail).\n'
    : 'The address is not suppressed: nothing changed.\n',
);
process.exit(released ? 0 : 1);
