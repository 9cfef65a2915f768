import { randomBytes } from 'node:crypto';
import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import * as z from 'zod/mini';
import { logger } from '../shared/logger.ts';
import { parseKeyring, rotateKeyring } from './keyring.ts';

/**
 * Secrets Manager's rotation function for the subscription keyring (its four steps, as Secrets Manager
 * calls them): `createSecret` stores the rotated ring (a new current key, the old current one kept to
 * verify the links it signed, the old previous one dropped) as AWSPENDING; `testSecret` checks that it
 * parses; `finishSecret` makes it AWSCURRENT. No other system holds the keys, so `setSecret` has nothing
 * to do. Every step may run again after a failure and does the same thing. `npm run secret:rotate` starts
 * it; the functions read the new ring within five minutes (`tokens.ts`).
 */
const client = new SecretsManagerClient(
  process.env.SECRETS_MANAGER_ENDPOINT ? { endpoint: process.env.SECRETS_MANAGER_ENDPOINT } : {},
);

const RotationEvent = z.object({
  Step: z.enum(['createSecret', 'setSecret', 'testSecret', 'finishSecret']),
  SecretId: z.string().check(z.minLength(1)),
  ClientRequestToken: z.string().check(z.minLength(1)),
  RotationToken: z.optional(z.string()),
});

const versionText = async (SecretId: string, stage: 'AWSCURRENT' | 'AWSPENDING', VersionId?: string) =>
  (await client.send(new GetSecretValueCommand({ SecretId, VersionStage: stage, VersionId }))).SecretString ??
  '';

export async function handler(event: unknown): Promise<void> {
  const { Step, SecretId, ClientRequestToken: token } = RotationEvent.parse(event);
  const described = await client.send(new DescribeSecretCommand({ SecretId }));
  const stages = described.VersionIdsToStages?.[token];
  if (!described.RotationEnabled) throw new Error('Rotation is not enabled on the secret');
  if (!stages) throw new Error('The rotation token is not a version of the secret');
  if (stages.includes('AWSCURRENT') && Step !== 'finishSecret') return;
  if (!stages.includes('AWSPENDING') && !stages.includes('AWSCURRENT'))
    throw new Error('The rotation token is not pending');

  switch (Step) {
    case 'createSecret': {
      try {
        await versionText(SecretId, 'AWSPENDING', token);
        return; // created by an earlier attempt of this rotation
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }
      const rotated = rotateKeyring(
        parseKeyring(await versionText(SecretId, 'AWSCURRENT')),
        new Date(),
        randomBytes(32).toString('base64url'),
      );
      await client.send(
        new PutSecretValueCommand({
          SecretId,
          ClientRequestToken: token,
          SecretString: JSON.stringify(rotated),
          VersionStages: ['AWSPENDING'],
        }),
      );
      logger.info('subscription keyring rotated (pending)', { keyId: rotated.current.id });
      return;
    }
    case 'setSecret':
      return;
    case 'testSecret':
      parseKeyring(await versionText(SecretId, 'AWSPENDING', token));
      return;
    case 'finishSecret': {
      const current = Object.entries(described.VersionIdsToStages ?? {}).find(([, names]) =>
        names.includes('AWSCURRENT'),
      )?.[0];
      if (current === token) return;
      await client.send(
        new UpdateSecretVersionStageCommand({
          SecretId,
          VersionStage: 'AWSCURRENT',
          MoveToVersionId: token,
          RemoveFromVersionId: current,
        }),
      );
      logger.info('subscription keyring rotation finished');
      return;
    }
  }
}
