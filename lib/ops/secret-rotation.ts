import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  ListSecretsCommand,
  RotateSecretCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import {
  keyIdAt,
  linksStillValidUntil,
  parseKeyring,
  rotateKeyring,
  type Keyring,
} from '../../functions/subscriptions/keyring.ts';

/**
 * Rotating the subscription keyring (`npm run secret:rotate`): locally the keyring file the local stack
 * reads, in AWS the stage's secret through its rotation worker. Both refuse, unless forced, a rotation
 * that would drop a key whose links may still be in mailboxes (a key retired less than a year ago).
 */
export interface RotationResult {
  keyId?: string;
  previousKeyId: string;
}

export class RotationRefused extends Error {}

const newKey = () => randomBytes(32).toString('base64url');

/** The local keyring file: created on first start (from the older single-secret file if there is one). */
export function localKeyringFile(directory: string, now = new Date()): string {
  const file = join(directory, 'subscription-keys.json');
  if (existsSync(file)) return file;
  const legacy = join(directory, 'subscription-secret');
  const ring: Keyring = existsSync(legacy)
    ? parseKeyring(readFileSync(legacy, 'utf8'))
    : { subscriber: newKey(), current: { id: keyIdAt(now), key: newKey(), since: now.toISOString() } };
  writeKeyring(file, ring);
  return file;
}

/** Written whole, then renamed into place: the running server never reads half a file. */
function writeKeyring(file: string, ring: Keyring): void {
  writeFileSync(`${file}.tmp`, JSON.stringify(ring, null, 2), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

const refuseIfLive = (ring: Keyring, now: Date, force: boolean) => {
  const until = linksStillValidUntil(ring, now);
  if (until && !force)
    throw new RotationRefused(
      `Key ${ring.previous?.id} signed links until ${ring.previous?.retired} that stay valid until ` +
        `${until.toISOString()}; rotating now would break them. Wait until then, or pass --force ` +
        '(a leaked key: rotate twice with --force, and every link mailed before stops working).',
    );
};

export function rotateLocal(
  directory: string,
  options: { now?: Date; force?: boolean } = {},
): RotationResult {
  const now = options.now ?? new Date();
  const file = localKeyringFile(directory, now);
  const ring = parseKeyring(readFileSync(file, 'utf8'));
  refuseIfLive(ring, now, options.force ?? false);
  const rotated = rotateKeyring(ring, now, newKey());
  writeKeyring(file, rotated);
  return { keyId: rotated.current.id, previousKeyId: ring.current.id };
}

/** The stage's subscription secret: the one CloudFormation tagged with the stack's name. */
export async function stageSecretArn(client: SecretsManagerClient, stage: string): Promise<string> {
  const { SecretList = [] } = await client.send(
    new ListSecretsCommand({
      Filters: [
        { Key: 'tag-key', Values: ['aws:cloudformation:stack-name'] },
        { Key: 'tag-value', Values: [`UmkmHub-${stage}`] },
        { Key: 'description', Values: ['Subscription keyring'] },
      ],
    }),
  );
  const [secret, ...others] = SecretList;
  if (!secret?.ARN || others.length > 0)
    throw new Error(`Found ${SecretList.length} subscription secrets for stage ${stage}; expected one`);
  return secret.ARN;
}

/**
 * Starts the rotation worker on the stage's secret now (Secrets Manager runs its four steps); the
 * functions read the new keyring within five minutes.
 */
export async function rotateStage(
  client: SecretsManagerClient,
  stage: string,
  options: { now?: Date; force?: boolean } = {},
): Promise<RotationResult & { secretArn: string }> {
  const secretArn = await stageSecretArn(client, stage);
  const described = await client.send(new DescribeSecretCommand({ SecretId: secretArn }));
  if (!described.RotationEnabled)
    throw new Error('The secret has no rotation configured: deploy the stack first');
  const { SecretString = '' } = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
  const ring = parseKeyring(SecretString);
  refuseIfLive(ring, options.now ?? new Date(), options.force ?? false);
  await client.send(new RotateSecretCommand({ SecretId: secretArn, RotateImmediately: true }));
  return { secretArn, previousKeyId: ring.current.id };
}
