import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { FilterPattern, MetricFilter } from 'aws-cdk-lib/aws-logs';
import {
  ContextAttribute,
  Schedule,
  ScheduleExpression,
  ScheduleTargetInput,
} from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { EmailSendingEvent, EventDestination } from 'aws-cdk-lib/aws-ses';
import type { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { TimeZone } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { DIGEST_TEMPLATES } from '../functions/digest/templates.ts';
import { BATCH_SIZE } from '../functions/digest/messages.ts';
import { UmkmFunction } from './function.ts';
import type { UmkmMail } from './mail.ts';
import type { StageConfig } from './stages.ts';

export interface UmkmDigestProps {
  stage: StageConfig;
  table: Table;
  mail: UmkmMail;
  apiUrl: string;
  subscriptionSecret: Secret;
  baseEnvironment: Record<string, string>;
}

/** Sender concurrency and pacing from the SES send rate: maxConcurrency × 50 recipients per batch-time ≤ rate. */
export function senderPacing(sesSendRate: number): { maxConcurrency: number; minBatchMs: number } {
  const maxConcurrency = Math.min(1000, Math.max(2, Math.floor(sesSendRate / BATCH_SIZE)));
  return { maxConcurrency, minBatchMs: Math.ceil((maxConcurrency * BATCH_SIZE * 1000) / sesSendRate) };
}

const SEND_VISIBILITY = Duration.minutes(6);

/**
 * The weekly digest: Scheduler (Asia/Jakarta) → planner → plan queue (one message per shard) → planner →
 * send queue (batches of ≤ 50) → sender → SES v2; SES events → EventBridge → feedback. Every queue has a
 * dead-letter queue with an alarm; failed recipients raise an alarm too.
 */
export class UmkmDigest extends Construct {
  readonly planner: UmkmFunction;
  readonly sender: UmkmFunction;
  readonly feedback: UmkmFunction;
  readonly sendQueue: Queue;
  readonly planQueue: Queue;

  constructor(scope: Construct, id: string, props: UmkmDigestProps) {
    super(scope, id);
    const { stage, table, mail } = props;
    const config = stage.digest;
    const pacing = senderPacing(config.sesSendRate);

    const deadLetterQueue = (name: string) => {
      const queue = new Queue(this, name, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
        removalPolicy: RemovalPolicy.DESTROY,
      });
      Validations.of(queue).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason:
          'This queue is itself a dead-letter queue (its depth raises an alarm); a queue behind it would never be read.',
      });
      new Alarm(this, `${name}Depth`, {
        alarmDescription: `Digest: messages in ${name} (failed for good; look at the logs, then redrive)`,
        metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      return queue;
    };
    const workQueue = (name: string, visibilityTimeout: Duration) =>
      new Queue(this, name, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout,
        retentionPeriod: Duration.days(14),
        deadLetterQueue: { queue: deadLetterQueue(`${name}Failures`), maxReceiveCount: 5 },
      });

    const plannerTimeout = Duration.minutes(5);
    this.planQueue = workQueue('PlanQueue', Duration.minutes(30));
    this.sendQueue = workQueue('SendQueue', SEND_VISIBILITY);

    const common = { ...props.baseEnvironment, WEB_URL: stage.webUrl };
    this.planner = new UmkmFunction(this, 'Planner', {
      handler: 'digest/planner.ts',
      environment: {
        ...common,
        PLAN_QUEUE_URL: this.planQueue.queueUrl,
        SEND_QUEUE_URL: this.sendQueue.queueUrl,
        DIGEST_LATE_AFTER_HOURS: String(config.lateAfterHours),
      },
      logRetention: stage.logRetention,
      timeout: plannerTimeout,
      memorySize: 1024,
      description:
        'Digest planner: opens the week’s run and walks one shard of confirmed subscribers per message',
    });
    this.planner.grantTable(table, {
      actions: ['GetItem', 'Query', 'PutItem', 'UpdateItem', 'BatchGetItem'],
      indexes: ['GSI1', 'GSI2'],
    });
    this.planQueue.grantSendMessages(this.planner);
    this.sendQueue.grantSendMessages(this.planner);
    this.planner.addEventSource(
      new SqsEventSource(this.planQueue, { batchSize: 1, reportBatchItemFailures: true, maxConcurrency: 16 }),
    );

    this.sender = new UmkmFunction(this, 'Sender', {
      handler: 'digest/sender.ts',
      environment: {
        ...common,
        API_URL: props.apiUrl,
        MAIL_FROM: stage.mail.from,
        SES_TEMPLATE_PREFIX: `umkm-hub-${stage.name}-`,
        SES_CONFIGURATION_SET: mail.configurationSet.configurationSetName,
        PROGRAMME_ADDRESS: config.postalAddress,
        SES_MIN_BATCH_MS: String(pacing.minBatchMs),
        BATCH_LEASE_SECONDS: String(SEND_VISIBILITY.toSeconds()),
        // Resolved by CloudFormation at deploy time (dynamic reference): no Secrets Manager client in the bundle.
        SUBSCRIPTION_SECRET: props.subscriptionSecret.secretValue.unsafeUnwrap(),
      },
      logRetention: stage.logRetention,
      timeout: Duration.seconds(Math.max(60, Math.ceil(pacing.minBatchMs / 1000) + 30)),
      description: 'Digest sender: one SES SendBulkEmail per batch of up to 50 recipients',
    });
    this.sender.grantTable(table, { actions: ['GetItem', 'UpdateItem', 'BatchGetItem'] });
    this.sender.addToRolePolicy(
      new PolicyStatement({
        actions: ['ses:SendBulkEmail'],
        resources: [
          mail.identityArn,
          Stack.of(this).formatArn({
            service: 'ses',
            resource: 'configuration-set',
            resourceName: mail.configurationSet.configurationSetName,
          }),
          ...Object.values(DIGEST_TEMPLATES).map((template) => mail.templateArn(template.name)),
        ],
      }),
    );
    this.sender.addEventSource(
      new SqsEventSource(this.sendQueue, {
        batchSize: 1,
        reportBatchItemFailures: true,
        maxConcurrency: pacing.maxConcurrency,
      }),
    );

    const rejected = new MetricFilter(this, 'FailedRecipients', {
      logGroup: this.sender.logGroup,
      filterPattern: FilterPattern.stringValue('$.message', '=', 'SES rejected recipients for good'),
      metricNamespace: 'UmkmHub/Digest',
      metricName: 'FailedRecipients',
      metricValue: '$.rejected',
    });
    new Alarm(this, 'FailedRecipientsAlarm', {
      alarmDescription: 'Digest: SES refused more than 1% of a 500-recipient hour for good',
      metric: rejected.metric({ statistic: 'Sum', period: Duration.hours(1) }),
      threshold: 5,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });

    new Schedule(this, 'Weekly', {
      description: 'Weekly event digest (Asia/Jakarta)',
      schedule: ScheduleExpression.cron({
        minute: String(config.schedule.minute),
        hour: String(config.schedule.hour),
        weekDay: config.schedule.weekDay,
        timeZone: TimeZone.ASIA_JAKARTA,
      }),
      target: new LambdaInvoke(this.planner, {
        input: ScheduleTargetInput.fromObject({
          kind: 'start',
          scheduledTime: ContextAttribute.scheduledTime,
        }),
        retryAttempts: 5,
        maxEventAge: Duration.hours(config.lateAfterHours),
        deadLetterQueue: deadLetterQueue('ScheduleFailures'),
      }),
    });

    const stack = Stack.of(this);
    const plannerId = stack.resolve(
      stack.getLogicalId(this.planner.node.defaultChild as CfnFunction),
    ) as string;
    Validations.of(stack).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${plannerId}.Arn>:*]`,
      reason:
        'The Scheduler target role may invoke the planner function and its versions/aliases (`:*`, added by LambdaInvoke); it can invoke nothing else.',
    });

    this.feedback = new UmkmFunction(this, 'Feedback', {
      handler: 'digest/feedback.ts',
      environment: { ...props.baseEnvironment, SOFT_BOUNCE_LIMIT: String(config.softBounceLimit) },
      logRetention: stage.logRetention,
      timeout: Duration.seconds(30),
      description:
        'SES feedback: suppresses subscribers on hard bounces, complaints and repeated soft bounces',
    });
    this.feedback.grantTable(table, { actions: ['UpdateItem'] });
    const bus = EventBus.fromEventBusName(this, 'DefaultBus', 'default');
    mail.configurationSet.addEventDestination('Feedback', {
      destination: EventDestination.eventBus(bus),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
    new Rule(this, 'FeedbackRule', {
      description: 'Bounces and complaints of UMKM Hub mail',
      eventPattern: {
        source: ['aws.ses'],
        detailType: ['Email Bounced', 'Email Complaint Received'],
        detail: { mail: { tags: { 'ses:configuration-set': [mail.configurationSet.configurationSetName] } } },
      },
      targets: [
        new LambdaFunction(this.feedback, {
          retryAttempts: 8,
          maxEventAge: Duration.hours(24),
          deadLetterQueue: deadLetterQueue('FeedbackFailures'),
        }),
      ],
    });
  }
}
