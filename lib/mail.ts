import { Stack } from 'aws-cdk-lib';
import {
  CfnTemplate,
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { mailer } from '../functions/workers.ts';
import type { UmkmFunction } from './function.ts';
import { MAIL_TEMPLATES } from './mail-templates.ts';
import { buildWorker, onFailureQueue, type WorkerContext } from './workers.ts';
import type { StageConfig } from './stages.ts';

export interface UmkmMailProps {
  stage: StageConfig;
  /** The stack's worker context (table, base environment, settings). */
  workers: WorkerContext;
}

/**
 * Subscribers' mail: the SES domain identity and configuration set, the templates, and the outbox mailer
 * (its worker row, `functions/workers.ts`: the table's stream wakes it for new outbox items only, with
 * retries, bisection and an SQS on-failure queue; it may read the stream and send through SES, nothing else).
 */
export class UmkmMail extends Construct {
  readonly mailer: UmkmFunction;
  readonly deadLetters: Queue;
  readonly identityArn: string;
  readonly configurationSet: ConfigurationSet;
  /** The ARN of a template by its unprefixed name (`digest-id`). */
  readonly templateArn: (name: string) => string;
  /** What a worker row's SES grant resolves against. */
  readonly ses: NonNullable<WorkerContext['ses']>;
  /** The sending settings worker rows may name. */
  readonly settings: WorkerContext['settings'];

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

    this.ses = {
      identityArn: this.identityArn,
      configurationSetArn: stack.formatArn({
        service: 'ses',
        resource: 'configuration-set',
        resourceName: configurationSet.configurationSetName,
      }),
      templateArn: this.templateArn,
    };
    this.settings = {
      MAIL_FROM: stage.mail.from,
      SES_TEMPLATE_PREFIX: templatePrefix,
      SES_CONFIGURATION_SET: configurationSet.configurationSetName,
    };
    this.mailer = buildWorker(this, 'Mailer', mailer, {
      ...props.workers,
      ses: this.ses,
      settings: { ...props.workers.settings, ...this.settings },
    });
    this.deadLetters = onFailureQueue(this, 'Mailer');
  }
}
