import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../lib/local/dynamodb.ts';
import { startSesLocal, type SesLocal } from '../../lib/local/ses.ts';
import { freePort } from '../helpers/ports.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoDbEndpoint: string;
    sesEndpoint: string;
  }
}

let dynamo: DynamoDbLocal | undefined;
let ses: SesLocal | undefined;

/** Real servers for the integration suite: DynamoDB Local in memory and the SES v2 stand-in, on free ports. */
export async function setup(project: TestProject): Promise<void> {
  [dynamo, ses] = await Promise.all([
    freePort().then((port) => startDynamoDbLocal({ port })),
    startSesLocal({ port: 0 }),
  ]);
  project.provide('dynamoDbEndpoint', dynamo.endpoint);
  project.provide('sesEndpoint', ses.endpoint);
}

export async function teardown(): Promise<void> {
  await Promise.all([dynamo?.stop(), ses?.stop()]);
}
