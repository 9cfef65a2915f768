import { Duration, type Stack } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
  type IMetric,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface UmkmMonitoringProps {
  api: HttpApi;
  /** Every function, for the dashboard. */
  functions: Record<string, IFunction>;
  /** Functions whose failures no API 5xx reveals (stream, queue and schedule consumers): one alarm each. */
  asyncFunctions: Record<string, IFunction>;
  deadLetterQueues: Record<string, IQueue>;
  /** Dead-letter queues whose features alarm on them already: graphed only. */
  featureDeadLetterQueues?: readonly IQueue[];
}

const FIVE_MINUTES = Duration.minutes(5);

/**
 * Operations: alarms to one SNS topic (subscribe the on-call address to it after deploying) and a
 * dashboard. Alarms: API 5xx rate, Lambda errors and throttles (all functions, and each asynchronous one),
 * every dead-letter queue's depth, and SES reputation (bounce ≥ 5 %, complaint ≥ 0.1 %: the rates at which
 * SES reviews an account).
 */
export class UmkmMonitoring extends Construct {
  readonly topic: Topic;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: UmkmMonitoringProps) {
    super(scope, id);
    // A customer-managed key: CloudWatch alarms cannot publish to a topic under the AWS-managed SNS key.
    const key = new Key(this, 'AlarmTopicKey', {
      enableKeyRotation: true,
      description: 'UMKM Hub alarm topic',
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        resources: ['*'],
      }),
    );
    this.topic = new Topic(this, 'AlarmTopic', {
      displayName: 'UMKM Hub alarms',
      masterKey: key,
      enforceSSL: true,
    });
    this.action = new SnsAction(this.topic);

    const requests = props.api.metricCount({ period: FIVE_MINUTES, statistic: 'Sum' });
    const serverErrors = props.api.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum' });
    const errorRate = new MathExpression({
      expression: 'IF(requests >= 20, 100 * errors / requests, 0)',
      usingMetrics: { requests, errors: serverErrors },
      period: FIVE_MINUTES,
      label: 'API 5xx rate (%)',
    });
    this.alarm('Api5xxRate', errorRate, 1, 'More than 1 % of API requests answered 5xx (a 5xx is a bug).');

    // Errors and throttles of all functions together (the account's Lambda metrics: deploy each stage to an
    // account of its own). One alarm per function would be ~100 alarms and push the stack past
    // CloudFormation's 500 resources; an API function's failure also shows in the 5xx rate above.
    const lambda = (metricName: string) =>
      new Metric({ namespace: 'AWS/Lambda', metricName, period: FIVE_MINUTES, statistic: 'Sum' });
    this.alarm('LambdaErrors', lambda('Errors'), 0, 'A function failed (see the dashboard for which).');
    this.alarm('LambdaThrottles', lambda('Throttles'), 0, 'A function was throttled (concurrency limit).');
    for (const [name, fn] of Object.entries(props.asyncFunctions)) {
      const errors = fn.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum' });
      this.alarm(`${name}Errors`, errors, 0, `${name} failed.`);
    }
    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      this.alarm(
        `${name}Depth`,
        queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
        0,
        `${name} holds messages that could not be processed.`,
      );
    }
    const bounceRate = new Metric({
      namespace: 'AWS/SES',
      metricName: 'Reputation.BounceRate',
      period: FIVE_MINUTES,
      statistic: 'Maximum',
    });
    const complaintRate = new Metric({
      namespace: 'AWS/SES',
      metricName: 'Reputation.ComplaintRate',
      period: FIVE_MINUTES,
      statistic: 'Maximum',
    });
    this.alarm(
      'SesBounceRate',
      bounceRate,
      0.05,
      'SES bounce rate reached 5 %: SES reviews the account at this rate.',
      true,
    );
    this.alarm(
      'SesComplaintRate',
      complaintRate,
      0.001,
      'SES complaint rate reached 0.1 %: SES reviews the account at this rate.',
      true,
    );

    new Dashboard(this, 'Dashboard', {
      dashboardName: `${(scope as Stack).stackName ?? 'UmkmHub'}-operations`,
      widgets: [
        [new TextWidget({ markdown: '# UMKM Hub — operations', width: 24, height: 1 })],
        [
          new GraphWidget({
            title: 'API requests and 5xx',
            left: [requests],
            right: [serverErrors],
            width: 12,
          }),
          new GraphWidget({ title: 'API 5xx rate (%)', left: [errorRate], width: 12 }),
        ],
        [
          new GraphWidget({
            title: 'Function errors',
            left: Object.values(props.functions).map((fn) => fn.metricErrors({ period: FIVE_MINUTES })),
            width: 12,
            legendPosition: undefined,
          }),
          new GraphWidget({
            title: 'Dead-letter queues',
            left: [...Object.values(props.deadLetterQueues), ...(props.featureDeadLetterQueues ?? [])].map(
              (queue) => queue.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES }),
            ),
            width: 12,
          }),
        ],
        [new GraphWidget({ title: 'SES reputation', left: [bounceRate, complaintRate], width: 24 })],
      ],
    });
  }

  /** Sends an alarm made elsewhere to the topic. */
  notify(alarm: Alarm): void {
    alarm.addAlarmAction(this.action);
  }

  /** An alarm to the topic when `metric` exceeds `threshold` (reached, with `inclusive`). */
  alarm(id: string, metric: IMetric, threshold: number, description: string, inclusive = false): Alarm {
    const alarm = new Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: inclusive
        ? ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD
        : ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(this.action);
    return alarm;
  }
}
