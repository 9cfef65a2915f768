import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
  UsernameExistsException,
} from '@aws-sdk/client-cognito-identity-provider';
import {
  GetQueueAttributesCommand,
  ListQueuesCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-vitest/extend';
import { beforeEach, describe, expect, it } from 'vitest';
import { deadLetterQueues, replay } from '../../lib/ops/dead-letters.ts';
import { createOperator } from '../../lib/ops/operators.ts';

describe('npm run operator:create (Cognito mocked)', () => {
  const cognito = mockClient(CognitoIdentityProviderClient);
  beforeEach(() => cognito.reset());

  it('creates the account with a verified address and puts it in the operators group', async () => {
    expect(
      await createOperator(new CognitoIdentityProviderClient({}), 'pool-1', ' Petugas@Bekasikota.go.id '),
    ).toEqual({ created: true });
    expect(cognito).toHaveReceivedCommandWith(AdminCreateUserCommand, {
      UserPoolId: 'pool-1',
      Username: 'petugas@bekasikota.go.id',
      DesiredDeliveryMediums: ['EMAIL'],
    });
    expect(cognito).toHaveReceivedCommandWith(AdminAddUserToGroupCommand, {
      UserPoolId: 'pool-1',
      Username: 'petugas@bekasikota.go.id',
      GroupName: 'operators',
    });
  });

  it('makes an existing account an operator, and rejects what is not an address', async () => {
    cognito
      .on(AdminCreateUserCommand)
      .rejects(new UsernameExistsException({ message: 'exists', $metadata: {} }));
    expect(await createOperator(new CognitoIdentityProviderClient({}), 'pool-1', 'a@b.id')).toEqual({
      created: false,
    });
    expect(cognito).toHaveReceivedCommand(AdminAddUserToGroupCommand);
    await expect(
      createOperator(new CognitoIdentityProviderClient({}), 'pool-1', 'not an address'),
    ).rejects.toThrow();
  });
});

describe('npm run dlq:replay (SQS mocked)', () => {
  const sqs = mockClient(SQSClient);
  const base = 'https://sqs.ap-southeast-3.amazonaws.com/111122223333/';
  const names = [
    'UmkmHub-prod-DigestSendQueue1A2B3C4D-abc',
    'UmkmHub-prod-DigestSendQueueFailures5E6F7A8B-def',
    'UmkmHub-prod-DigestPlanQueue0A0B0C0D-ghi',
    'UmkmHub-prod-DigestPlanQueueFailures1C1D1E1F-jkl',
    'UmkmHub-prod-MailMailerFailures2A2B2C2D-mno',
  ];
  beforeEach(() => {
    sqs.reset();
    sqs.on(ListQueuesCommand).resolves({ QueueUrls: names.map((name) => base + name) });
    for (const name of names)
      sqs.on(GetQueueAttributesCommand, { QueueUrl: base + name }).resolves({
        Attributes: {
          QueueArn: `arn:aws:sqs:ap-southeast-3:111122223333:${name}`,
          ApproximateNumberOfMessages: '4',
        },
      });
    sqs.on(StartMessageMoveTaskCommand).resolves({ TaskHandle: 'task-1' });
  });

  it('lists the dead-letter queues with their depth and the source of the digest ones', async () => {
    const queues = await deadLetterQueues(new SQSClient({}), 'prod');
    expect(
      queues.map((queue) => [queue.name.split('-')[2], queue.messages, queue.source?.split(':').pop()]),
    ).toEqual([
      ['DigestSendQueueFailures5E6F7A8B', 4, names[0]],
      ['DigestPlanQueueFailures1C1D1E1F', 4, names[2]],
      ['MailMailerFailures2A2B2C2D', 4, undefined],
    ]);
    expect(sqs).toHaveReceivedCommandWith(ListQueuesCommand, { QueueNamePrefix: 'UmkmHub-prod-' });
  });

  it('moves a digest dead-letter queue back to its source, and refuses one without a source', async () => {
    const [send, , mailer] = await deadLetterQueues(new SQSClient({}), 'prod');
    expect(await replay(new SQSClient({}), send!)).toBe('task-1');
    expect(sqs).toHaveReceivedCommandWith(StartMessageMoveTaskCommand, {
      SourceArn: `arn:aws:sqs:ap-southeast-3:111122223333:${names[1]}`,
      DestinationArn: `arn:aws:sqs:ap-southeast-3:111122223333:${names[0]}`,
    });
    await expect(replay(new SQSClient({}), mailer!)).rejects.toThrow(/runbook/);
  });
});
