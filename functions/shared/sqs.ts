import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';

let sqs: SQSClient | undefined;

/**
 * Sends `bodies` to the queue at `url` in batches of 10 (SQS's maximum), sending again only the entries a
 * batch did not accept, with backoff; after 5 tries the rest is an error, so nothing is dropped silently.
 */
export async function sendBatches(url: string, bodies: string[]): Promise<void> {
  sqs ??= new SQSClient({});
  for (let start = 0; start < bodies.length; start += 10) {
    let entries = bodies
      .slice(start, start + 10)
      .map((body, index) => ({ Id: String(index), MessageBody: body }));
    for (let attempt = 1; entries.length > 0; attempt++) {
      const { Failed } = await sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: entries }));
      const failed = new Set((Failed ?? []).map((entry) => entry.Id));
      entries = entries.filter((entry) => failed.has(entry.Id));
      if (entries.length > 0 && attempt >= 5)
        throw new Error(`${entries.length} messages not accepted by SQS`);
      if (entries.length > 0) await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
    }
  }
}
