import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { CfnFunction, IFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, MetricFilter } from 'aws-cdk-lib/aws-logs';
import {
  ContextAttribute,
  Schedule,
  ScheduleExpression,
  ScheduleTargetInput,
} from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { EmailSendingEvent, EventDestination } from 'aws-cdk-lib/aws-ses';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { TimeZone } from 'aws-cdk-lib/core';
import { Construct } from 'constructs';
import { BATCH_SIZE } from '../functions/digest/messages.ts';
import { digestFeedback, digestPlanner, digestSender } from '../functions/workers.ts';
import type { UmkmFunction } from './function.ts';
import type { UmkmMail } from './mail.ts';
import type { StageConfig } from './stages.ts';
import { alarmedDeadLetterQueue, buildWorker, watchedQueue, type WorkerContext } from './workers.ts';

export interface UmkmDigestProps {
  stage: StageConfig;
  mail: UmkmMail;
  /** The stack's worker context (table, base environment, settings). */
  workers: WorkerContext;
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
  private readonly config: StageConfig;
  private readonly mail: UmkmMail;

  constructor(scope: Construct, id: string, props: UmkmDigestProps) {
    super(scope, id);
    const { stage, mail } = props;
    this.config = stage;
    this.mail = mail;
    const config = stage.digest;
    const pacing = senderPacing(config.sesSendRate);

    this.planQueue = watchedQueue(this, 'PlanQueue', {
      feature: 'Digest',
      visibilityTimeout: Duration.minutes(30),
    });
    this.sendQueue = watchedQueue(this, 'SendQueue', {
      feature: 'Digest',
      visibilityTimeout: SEND_VISIBILITY,
    });

    const context: WorkerContext = {
      ...props.workers,
      ses: mail.ses,
      settings: {
        ...props.workers.settings,
        ...mail.settings,
        PLAN_QUEUE_URL: this.planQueue.queueUrl,
        SEND_QUEUE_URL: this.sendQueue.queueUrl,
        DIGEST_LATE_AFTER_HOURS: String(config.lateAfterHours),
        SES_MIN_BATCH_MS: String(pacing.minBatchMs),
        BATCH_LEASE_SECONDS: String(SEND_VISIBILITY.toSeconds()),
        SOFT_BOUNCE_LIMIT: String(config.softBounceLimit),
      },
      queues: { 'digest-plan': this.planQueue, 'digest-send': this.sendQueue },
      derived: {
        'ses-pacing': {
          maxConcurrency: pacing.maxConcurrency,
          timeoutSeconds: Math.max(60, Math.ceil(pacing.minBatchMs / 1000) + 30),
        },
      },
      schedules: {
        'digest-weekly': (planner) =>
          this.weekly(planner, alarmedDeadLetterQueue(this, 'ScheduleFailures', 'Digest')),
      },
      rules: {
        'ses-feedback': (feedback) =>
          this.feedbackRule(feedback, alarmedDeadLetterQueue(this, 'FeedbackFailures', 'Digest')),
      },
    };
    this.planner = buildWorker(this, 'Planner', digestPlanner, context);
    this.sender = buildWorker(this, 'Sender', digestSender, context);
    this.feedback = buildWorker(this, 'Feedback', digestFeedback, context);

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
  }

  /** The weekly schedule (Asia/Jakarta) that starts a run in the planner. */
  private weekly(planner: IFunction, deadLetters: Queue): void {
    const config = this.config.digest;
    new Schedule(this, 'Weekly', {
      description: 'Weekly event digest (Asia/Jakarta)',
      schedule: ScheduleExpression.cron({
        minute: String(config.schedule.minute),
        hour: String(config.schedule.hour),
        weekDay: config.schedule.weekDay,
        timeZone: TimeZone.ASIA_JAKARTA,
      }),
      target: new LambdaInvoke(planner, {
        input: ScheduleTargetInput.fromObject({
          kind: 'start',
          scheduledTime: ContextAttribute.scheduledTime,
        }),
        retryAttempts: 5,
        maxEventAge: Duration.hours(config.lateAfterHours),
        deadLetterQueue: deadLetters,
      }),
    });
    const stack = Stack.of(this);
    const plannerId = stack.resolve(stack.getLogicalId(planner.node.defaultChild as CfnFunction)) as string;
    Validations.of(stack).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${plannerId}.Arn>:*]`,
      reason:
        'The Scheduler target role may invoke the planner function and its versions/aliases (`:*`, added by LambdaInvoke); it can invoke nothing else.',
    });
  }

  /** Bounces and complaints of the configuration set, through the default event bus, to the feedback function. */
  private feedbackRule(feedback: IFunction, deadLetters: Queue): void {
    const { configurationSet } = this.mail;
    const bus = EventBus.fromEventBusName(this, 'DefaultBus', 'default');
    configurationSet.addEventDestination('Feedback', {
      destination: EventDestination.eventBus(bus),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });
    new Rule(this, 'FeedbackRule', {
      description: 'Bounces and complaints of UMKM Hub mail',
      eventPattern: {
        source: ['aws.ses'],
        detailType: ['Email Bounced', 'Email Complaint Received'],
        detail: { mail: { tags: { 'ses:configuration-set': [configurationSet.configurationSetName] } } },
      },
      targets: [
        new LambdaFunction(feedback, {
          retryAttempts: 8,
          maxEventAge: Duration.hours(24),
          deadLetterQueue: deadLetters,
        }),
      ],
    });
  }
}
