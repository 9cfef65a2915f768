import { parseArgs } from 'node:util';
import { SQSClient } from '@aws-sdk/client-sqs';
import { deadLetterQueues, replay } from '../lib/ops/dead-letters.ts';

const HELP = `npm run dlq:replay -- --stage dev|prod [--queue NAME]

Without --queue: lists the stage's dead-letter queues and how many messages each holds. With --queue (a
name, or a unique part of one, from the list): moves its messages back to the queue they came from (the
digest's plan and send queues), which resumes a digest that failed part-way without mailing anyone twice.
The other dead-letter queues are handled as docs/runbook.md says.
`;
const { values } = parseArgs({
  options: {
    stage: { type: 'string' },
    queue: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help || (values.stage !== 'dev' && values.stage !== 'prod')) {
  process.stdout.write(HELP);
  process.exit(values.help ? 0 : 2);
}
const client = new SQSClient({});
try {
  const queues = await deadLetterQueues(client, values.stage);
  if (!values.queue) {
    for (const queue of queues)
      process.stdout.write(
        `${queue.messages.toString().padStart(7)}  ${queue.name}${queue.source ? '  (replayable)' : ''}\n`,
      );
    process.exit(0);
  }
  const matches = queues.filter((queue) => queue.name.includes(values.queue ?? ''));
  if (matches.length !== 1)
    throw new Error(`--queue ${values.queue} matches ${matches.length} dead-letter queues`);
  const task = await replay(client, matches[0]!);
  process.stdout.write(
    `Replaying ${matches[0]!.messages} messages from ${matches[0]!.name} (task ${task}).\n`,
  );
} catch (error) {
  process.stderr.write(`Failed: ${(error as Error).message}\n`);
  process.exit(1);
}
