import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import {
  CfnTemplate,
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { OUTBOX_FILTER_PATTERN } from '../functions/mailer/filter.ts';
import { CONFIRMATION_TEMPLATES } from '../functions/mailer/templates.ts';
import { MAIL_TEMPLATES } from './mail-templates.ts';
import { UmkmFunction } from './function.ts';
import type { StageConfig } from './stages.ts';

export interface UmkmMailProps {
  stage: StageConfig;
  table: Table;
  apiUrl: string;
  subscriptionSecret: Secret;
  baseEnvironment: Record<string, string>;
}

/**
 * Subscribers' mail: the SES domain identity and configuration set, the templates, and the outbox mailer
 * that the table's stream invokes for new outbox items only (filter criteria), with retries, bisection and
 * an SQS on-failure queue. The mailer may read the stream and send through SES, nothing else.
 */
export class UmkmMail extends Construct {
  readonly mailer: UmkmFunction;
  readonly deadLetters: Queue;
  readonly identityArn: string;
  readonly configurationSet: ConfigurationSet;
  /** The ARN of a template by its unprefixed name (`digest-id`). */
  readonly templateArn: (name: string) => string;

  constructor(scope: Construct, id: string, props: UmkmMailProps) {
    super(scope, id);
    const { stage } = props;
    const stack = Stack.of(this);
    const templatePrefix = `umkm-hub-${stage.name}-`;

    const identity = new EmailIdentity(this, 'Domain', { identity: Identity.domain(stage.mail.domain) });
    const configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: `umkm-hub-${stage.name}`,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
    });
    for (const template of MAIL_TEMPLATES) {
      new CfnTemplate(this, `Template-${template.name}`, {
        template: {
          templateName: `${templatePrefix}${template.name}`,
          subjectPart: template.subject,
          textPart: template.text,
          htmlPart: template.html,
        },
      });
    }
    this.templateArn = (name) =>
      stack.formatArn({ service: 'ses', resource: 'template', resourceName: `${templatePrefix}${name}` });
    this.identityArn = stack.formatArn({
      service: 'ses',
      resource: 'identity',
      resourceName: identity.emailIdentityName,
    });
    this.configurationSet = configurationSet;
    const templateArns = Object.values(CONFIRMATION_TEMPLATES).map((template) =>
      this.templateArn(template.name),
    );

    this.deadLetters = new Queue(this, 'MailerFailures', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.DESTROY,
    });
    Validations.of(this.deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the on-failure destination of the mailer’s stream mapping (it holds stream record pointers); a queue behind it would never be read.',
    });

    this.mailer = new UmkmFunction(this, 'Mailer', {
      handler: 'mailer/send-confirmations.ts',
      environment: {
        ...props.baseEnvironment,
        MAIL_FROM: stage.mail.from,
        SES_TEMPLATE_PREFIX: templatePrefix,
        SES_CONFIGURATION_SET: configurationSet.configurationSetName,
        WEB_URL: stage.webUrl,
        API_URL: props.apiUrl,
        // Resolved by CloudFormation at deploy time (dynamic reference): no Secrets Manager client in the bundle.
        SUBSCRIPTION_SECRET: props.subscriptionSecret.secretValue.unsafeUnwrap(),
      },
      logRetention: stage.logRetention,
      timeout: Duration.seconds(30),
      description: 'Outbox mailer: sends confirmation mails for new outbox items in the table stream',
    });
    this.mailer.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [
          this.identityArn,
          stack.formatArn({
            service: 'ses',
            resource: 'configuration-set',
            resourceName: configurationSet.configurationSetName,
          }),
          ...templateArns,
        ],
      }),
    );
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'dynamodb:ListStreams, added by the stream event source, has no resource-level permissions; every other mailer permission names its resource.',
    });
    this.mailer.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.LATEST,
        batchSize: 10,
        maxBatchingWindow: Duration.seconds(1),
        bisectBatchOnError: true,
        retryAttempts: 5,
        maxRecordAge: Duration.hours(6),
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.deadLetters),
        filters: [FilterCriteria.filter(OUTBOX_FILTER_PATTERN)],
      }),
    );
  }
}
