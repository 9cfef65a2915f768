import {
  GetQueueAttributesCommand,
  ListQueuesCommand,
  StartMessageMoveTaskCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';

/**
 * `npm run dlq:replay`: the stage's dead-letter queues with their depth, and the replay of the two that
 * have a source queue (the digest's plan and send queues) back into it with SQS's own redrive (a message
 * move task). Replaying is safe: the sender keeps a marker per batch and sends no recipient twice, and the
 * planner resumes a shard from its checkpoint. The other dead-letter queues hold what has no queue to go
 * back to (stream record pointers, scheduler and EventBridge deliveries): the runbook says how to handle
 * each.
 */
export interface DeadLetterQueue {
  name: string;
  arn: string;
  url: string;
  messages: number;
  /** The queue its messages came from, for the queues SQS can redrive. */
  source?: string;
}

/** The stage's dead-letter queues: the stack's queues whose names end in `Failures` (lib/workers.ts). */
export async function deadLetterQueues(client: SQSClient, stage: string): Promise<DeadLetterQueue[]> {
  const { QueueUrls = [] } = await client.send(
    new ListQueuesCommand({ QueueNamePrefix: `UmkmHub-${stage}-` }),
  );
  const queues = await Promise.all(
    QueueUrls.map(async (url) => {
      const { Attributes = {} } = await client.send(
        new GetQueueAttributesCommand({
          QueueUrl: url,
          AttributeNames: ['QueueArn', 'ApproximateNumberOfMessages'],
        }),
      );
      return {
        url,
        arn: Attributes.QueueArn ?? '',
        messages: Number(Attributes.ApproximateNumberOfMessages ?? 0),
      };
    }),
  );
  const named = queues.map((queue) => ({ ...queue, name: queue.url.split('/').pop() ?? '' }));
  return named
    .filter((queue) => /Failures/.test(queue.name))
    .map((queue) => {
      // The digest's work queues are named like their dead-letter queues without `Failures`.
      const prefix = /^(.*(?:PlanQueue|SendQueue))Failures/.exec(queue.name)?.[1];
      const source = prefix
        ? named.find((other) => other.name.startsWith(prefix) && !/Failures/.test(other.name))
        : undefined;
      return {
        name: queue.name,
        arn: queue.arn,
        url: queue.url,
        messages: queue.messages,
        ...(source ? { source: source.arn } : {}),
      };
    });
}

export async function replay(client: SQSClient, queue: DeadLetterQueue): Promise<string> {
  if (!queue.source) throw new Error(`${queue.name} has no source queue to replay into: see docs/runbook.md`);
  const { TaskHandle } = await client.send(
    new StartMessageMoveTaskCommand({ SourceArn: queue.arn, DestinationArn: queue.source }),
  );
  return TaskHandle ?? '';
}
