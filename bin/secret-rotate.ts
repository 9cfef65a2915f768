import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { RotationRefused, rotateLocal, rotateStage } from '../lib/ops/secret-rotation.ts';

const HELP = `npm run secret:rotate [-- --stage dev|prod] [-- --force]

Rotates the subscription keyring: new links are signed with a new key; links already mailed keep working
until they expire (the previous key stays to verify them). Without --stage it rotates the local stack's
keyring (UMKM_LOCAL_DIR or .local/), which a running \`npm start\` picks up at once; with --stage it
starts the stage's rotation worker in AWS (credentials and region from the usual AWS environment), and the
functions use the new key within five minutes.

It refuses when the rotation would drop a key whose links may still be valid (one retired less than a year
ago). --force rotates anyway; after a leak, rotate twice with --force: every link mailed before stops working.
`;

const { values } = parseArgs({
  options: {
    stage: { type: 'string' },
    force: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write(HELP);
  process.exit(0);
}
try {
  if (values.stage === undefined) {
    const directory = resolve(process.env.UMKM_LOCAL_DIR ?? '.local');
    const result = rotateLocal(directory, { force: values.force });
    process.stdout.write(
      `Rotated the local keyring in ${directory}: new links use ${result.keyId}; links signed with ${result.previousKeyId} keep working until they expire.\n`,
    );
  } else {
    if (values.stage !== 'dev' && values.stage !== 'prod') throw new Error('--stage must be dev or prod');
    const result = await rotateStage(new SecretsManagerClient({}), values.stage, { force: values.force });
    process.stdout.write(
      `Rotation of ${result.secretArn} started: links signed with ${result.previousKeyId} keep working until they expire; the functions sign with the new key within five minutes.\n`,
    );
  }
} catch (error) {
  process.stderr.write(
    `${error instanceof RotationRefused ? 'Refused' : 'Failed'}: ${(error as Error).message}\n`,
  );
  process.exit(error instanceof RotationRefused ? 3 : 1);
}
