import { CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';
import { UmkmApi } from './api.ts';
import { UmkmAuth } from './auth.ts';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { UmkmDigest } from './digest.ts';
import { UmkmExports } from './exports.ts';
import { UmkmImports } from './imports.ts';
import { UmkmMail } from './mail.ts';
import { UmkmMonitoring } from './monitoring.ts';
import type { StageConfig } from './stages.ts';
import { UmkmStorage } from './storage.ts';
import { UmkmTable } from './table.ts';
import { routes } from '../functions/routes.ts';
import { LONGEST_LINK_SECONDS } from '../functions/subscriptions/keyring.ts';
import { subscriptionKeyRotation, workers as workerRows } from '../functions/workers.ts';
import type { UmkmFunction } from './function.ts';
import {
  SECRET_ENVIRONMENT,
  baseEnvironment,
  buildWorker,
  isAlarmedDeadLetterQueue,
  type WorkerContext,
} from './workers.ts';

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
  readonly imports: UmkmImports;
  readonly storage: UmkmStorage;

  constructor(scope: Construct, id: string, props: UmkmHubStackProps) {
    super(scope, id, props);
    const { stage } = props;
    const { table } = new UmkmTable(this, 'Data', { retainData: stage.retainData });
    const auth = new UmkmAuth(this, 'Auth', { retainData: stage.retainData });
    this.storage = new UmkmStorage(this, 'Storage', { stage });
    // The subscription keyring (functions/subscriptions/keyring.ts): keys subscribers and signs the links
    // in mails. Created as one generated key (key k0); the first rotation turns it into a keyring. The
    // functions that need it read it at run time through the secrets extension, never from their
    // configuration; the rotation worker rotates it once a year, or now with `npm run secret:rotate`.
    const subscriptionSecret = new Secret(this, 'SubscriptionSecret', {
      description: 'Subscription keyring: subscriber key and link-signing keys (current and previous)',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    // Keys NIK guards (one NIK, one account: functions/businesses/identity.ts), so that no key holds a
    // NIK; read at run time through the secrets extension (as the keyring is) by the functions that
    // register, claim, change or erase a business, and by worker rows with a `secret-read` grant of it.
    const identitySecret = new Secret(this, 'IdentitySecret', {
      description: 'HMAC key for NIK guard items (never rotated: guards are keyed by it)',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    Validations.of(identitySecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The identity secret keys NIK guard items: rotating it would orphan every guard, so it is not rotated. (The subscription keyring is rotated.)',
    });
    const base = baseEnvironment(stage.name, props.version);
    this.api = new UmkmApi(this, 'Api', {
      stage,
      baseEnvironment: base,
      table,
      storage: this.storage,
      userPool: auth.userPool,
      client: auth.client,
      routeEnvironment: (route, pagesUrl) => ({
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
      },
      secrets: { 'subscription-keys': subscriptionSecret, identity: identitySecret },
      rotations: {
        'subscription-keys': (fn) => {
          // A year between rotations: the key a rotation drops stopped signing a year before, so every
          // link it signed has expired (the longest lives a year).
          subscriptionSecret.addRotationSchedule('Rotation', {
            rotationLambda: fn,
            automaticallyAfter: Duration.days(LONGEST_LINK_SECONDS / 86_400),
          });
          Validations.of(fn.role ?? fn).acknowledge({
            id: 'AwsSolutions-IAM5[Resource::*]',
            reason:
              'secretsmanager:GetRandomPassword, added by the rotation schedule, has no resource; the rotation worker makes its keys with node:crypto and every other permission names the secret.',
          });
        },
      },
      built: {},
    };
    for (const route of routes.filter((row) => row.subscriptionSecret)) {
      const fn = this.api.functions[route.id];
      if (!fn) throw new Error(`No function for route ${route.id}`);
      subscriptionSecret.grantRead(fn);
      fn.addEnvironment(SECRET_ENVIRONMENT['subscription-keys'], subscriptionSecret.secretArn);
    }
    for (const route of routes.filter((row) => row.identitySecret)) {
      const fn = this.api.functions[route.id];
      if (!fn) throw new Error(`No function for route ${route.id}`);
      identitySecret.grantRead(fn);
      fn.addEnvironment(SECRET_ENVIRONMENT.identity, identitySecret.secretArn);
    }
    this.mail = new UmkmMail(this, 'Mail', { stage, workers });
    this.digest = new UmkmDigest(this, 'Digest', { stage, mail: this.mail, workers });
    this.imports = new UmkmImports(this, 'Imports', { workers });
    buildWorker(this, 'SubscriptionKeyRotation', subscriptionKeyRotation, workers);
    const exports = new UmkmExports(this, 'Exports', { workers });
    const missing = workerRows.filter((row) => !workers.built[row.id]).map((row) => row.id);
    if (missing.length > 0) throw new Error(`Worker rows no construct builds: ${missing.join(', ')}`);

    const features = [this.digest, this.imports, exports].flatMap((feature) => feature.node.findAll());
    this.monitoring = new UmkmMonitoring(this, 'Monitoring', {
      api: this.api.api,
      functions: this.api.functions,
      asyncFunctions: Object.fromEntries(
        workerRows.map((row) => [row.id.charAt(0).toUpperCase() + row.id.slice(1), workers.built[row.id]]),
      ) as Record<string, UmkmFunction>,
      deadLetterQueues: { MailerDeadLetters: this.mail.deadLetters, ...exports.deadLetterQueues },
      featureDeadLetterQueues: features.filter(isAlarmedDeadLetterQueue),
    });
    // The features' own alarms (their dead-letter queues, the digest's failed recipients) go to the same topic.
    for (const alarm of features.filter((node) => node instanceof Alarm)) {
      this.monitoring.notify(alarm);
    }

    new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.topic.topicArn });
    new CfnOutput(this, 'ApiUrl', { value: this.api.api.apiEndpoint });
    new CfnOutput(this, 'UserPoolId', { value: auth.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: auth.client.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'SubscriptionSecretArn', { value: subscriptionSecret.secretArn });
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
}
