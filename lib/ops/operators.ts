import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  type CognitoIdentityProviderClient,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import { OPERATORS_GROUP } from '../../functions/shared/auth.ts';
import { EMAIL } from '../../functions/shared/patterns.ts';

/**
 * `npm run operator:create`: a Dinas operator account in the stage's user pool. Cognito mails a temporary
 * password; at first sign-in the operator sets a password and, by Dinas policy (runbook), enrols TOTP.
 * Adding an existing account to the group again is harmless, so the command may be repeated.
 */
export async function createOperator(
  client: CognitoIdentityProviderClient,
  userPoolId: string,
  email: string,
): Promise<{ created: boolean }> {
  const address = email.trim().toLowerCase();
  if (!EMAIL.test(address)) throw new Error('Not an email address');
  let created = true;
  try {
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: address,
        UserAttributes: [
          { Name: 'email', Value: address },
          { Name: 'email_verified', Value: 'true' },
        ],
        DesiredDeliveryMediums: ['EMAIL'],
      }),
    );
  } catch (error) {
    if (!(error instanceof UsernameExistsException)) throw error;
    created = false;
  }
  await client.send(
    new AdminAddUserToGroupCommand({ UserPoolId: userPoolId, Username: address, GroupName: OPERATORS_GROUP }),
  );
  return { created };
}
