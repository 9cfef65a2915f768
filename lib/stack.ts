import { CfnOutput, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import { UmkmApi } from './api.ts';
import { UmkmAuth } from './auth.ts';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { UmkmDigest } from './digest.ts';
import { UmkmMail } from './mail.ts';
import { UmkmMonitoring } from './monitoring.ts';
import type { StageConfig } from './stages.ts';
import { UmkmStorage } from './storage.ts';
import { UmkmTable } from './table.ts';
import { workers as workerRows } from '../functions/workers.ts';
import type { UmkmFunction } from './function.ts';
import { baseEnvironment, type WorkerContext } from './workers.ts';

export interface UmkmHubStackProps extends StackProps {
  stage: StageConfig;
  version: string;
}

/** UMKM Hub: the HTTP API and its functions, the table and the Cognito accounts. */
export class UmkmHubStack extends Stack {
  readonly api: UmkmApi;
  readonly mail: UmkmMail;
  readonly monitoring: UmkmMonitoring;
  readonly digest: UmkmDigest;
  readonly storage: UmkmStorage;

  constructor(scope: Construct, id: string, props: UmkmHubStackProps) {
    super(scope, id, props);
    const { stage } = props;
    const { table } = new UmkmTable(this, 'Data', { retainData: stage.retainData });
    const auth = new UmkmAuth(this, 'Auth', { retainData: stage.retainData });
    this.storage = new UmkmStorage(this, 'Storage', { stage });
    // Signs subscription links and keys subscribers; handed to the functions that need it as a
    // CloudFormation dynamic reference, so no function carries a Secrets Manager client.
    const subscriptionSecret = new Secret(this, 'SubscriptionSecret', {
      description: 'HMAC key for subscription link tokens and subscriber keys',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    const secretEnvironment = { SUBSCRIPTION_SECRET: subscriptionSecret.secretValue.unsafeUnwrap() };
    // Keys NIK guards (one NIK, one account: functions/businesses/identity.ts), so that no key holds a
    // NIK; given only to the functions that register, change or erase a business.
    const identitySecret = new Secret(this, 'IdentitySecret', {
      description: 'HMAC key for NIK guard items (never rotated: guards are keyed by it)',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    const identityEnvironment = { IDENTITY_SECRET: identitySecret.secretValue.unsafeUnwrap() };
    const base = baseEnvironment(stage.name, props.version);
    this.api = new UmkmApi(this, 'Api', {
      stage,
      baseEnvironment: base,
      table,
      storage: this.storage,
      userPool: auth.userPool,
      client: auth.client,
      routeEnvironment: (route, pagesUrl) => ({
        ...(route.subscriptionSecret ? secretEnvironment : {}),
        ...(route.identitySecret ? identityEnvironment : {}),
        ...(route.mailSettings ? { WEB_URL: pagesUrl, PROGRAMME_ADDRESS: stage.digest.postalAddress } : {}),
      }),
    });
    // What the worker rows (functions/workers.ts) may name; the mail and digest constructs add their own.
    const workers: WorkerContext = {
      table,
      storage: this.storage,
      baseEnvironment: base,
      logRetention: stage.logRetention,
      settings: {
        API_URL: this.api.api.apiEndpoint,
        // Mails link to the pages: the stage's city website, or the API, which renders them.
        WEB_URL: this.api.pagesUrl,
        PROGRAMME_ADDRESS: stage.digest.postalAddress,
        ...secretEnvironment,
      },
      built: {},
    };
    this.mail = new UmkmMail(this, 'Mail', { stage, workers });
    this.digest = new UmkmDigest(this, 'Digest', { stage, mail: this.mail, workers });
    const missing = workerRows.filter((row) => !workers.built[row.id]).map((row) => row.id);
    if (missing.length > 0) throw new Error(`Worker rows no construct builds: ${missing.join(', ')}`);

    this.monitoring = new UmkmMonitoring(this, 'Monitoring', {
      api: this.api.api,
      functions: this.api.functions,
      asyncFunctions: Object.fromEntries(
        workerRows.map((row) => [row.id.charAt(0).toUpperCase() + row.id.slice(1), workers.built[row.id]]),
      ) as Record<string, UmkmFunction>,
      deadLetterQueues: { MailerDeadLetters: this.mail.deadLetters },
    });
    // The digest's own alarms (its dead-letter queues, failed recipients) go to the same topic.
    for (const alarm of this.digest.node.findAll().filter((node) => node instanceof Alarm)) {
      this.monitoring.notify(alarm);
    }

    new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.topic.topicArn });
    new CfnOutput(this, 'ApiUrl', { value: this.api.api.apiEndpoint });
    new CfnOutput(this, 'UserPoolId', { value: auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: auth.client.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'FilesBucketName', { value: this.storage.bucket.bucketName });

    acknowledgeStackFindings(this);
  }
}

/** cdk-nag findings we accept, each with its reason. */
function acknowledgeStackFindings(stack: Stack): void {
  const acknowledge = (id: string, reason: string) => Validations.of(stack).acknowledge({ id, reason });
  acknowledge(
    'AwsSolutions-COG2',
    'MFA is optional (TOTP) so that micro-business owners can sign up with email alone; operators are required by Dinas policy to enrol TOTP.',
  );
  acknowledge(
    'AwsSolutions-COG8',
    'The Lite plan has every feature the pool uses; threat protection (Plus) would cost US$0.02 for each monthly active user, US$500 a month at city scale (npm run cost), and is a decision for Dinas, revisited when the pool grows.',
  );
  acknowledge(
    'AwsSolutions-SMG4',
    'The subscription secret signs links already in subscribers’ mailboxes (valid up to a year); rotating it would break them. Rotation needs key ids in tokens first. The identity secret keys NIK guard items: rotating it would orphan every guard, so it is not rotated.',
  );
}
