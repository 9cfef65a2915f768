import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import {
  DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { httpApiEvent, lambdaContext } from '../../lib/local/lambda-event.ts';
import { probeCalls } from '../../lib/local/sdk-calls.ts';
import { invoke } from '../helpers/invoke.ts';
import { violations } from '../iam/grants.ts';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const region = 'ap-southeast-3';
const table = process.env.TABLE_NAME ?? '';
const ddb = DynamoDBDocumentClient.from(
  new DynamoDBClient({ endpoint: inject('dynamoDbEndpoint'), region, credentials }),
);
const ses = new SESv2Client({ endpoint: inject('sesEndpoint'), region, credentials });
afterAll(() => (ddb.destroy(), ses.destroy()));

/**
 * The recorder and the check together, on real calls: what a function sends to DynamoDB Local and the
 * SES stand-in is read off the wire, and a command outside the function's row is reported (the record of
 * the whole run is checked the same way by test/iam/check.ts, which fails `npm test`).
 */
describe('recording what a function sends, and checking it against its grant', () => {
  it('records a handler’s calls and finds them within its grant', async () => {
    const { handler } = await import('../../functions/health/get-health.ts');
    const calls = await probeCalls('getHealth', () =>
      invoke(handler, { path: '/health' }).then(() => undefined),
    );
    // invoke() runs the handler as its route on its own: the probe sees nothing, the run's record gets it.
    expect(calls).toEqual([]);
    const event = httpApiEvent({
      method: 'GET',
      url: new URL('http://localhost/health'),
      headers: {},
      body: Buffer.alloc(0),
      routeKey: 'GET /health',
      sourceIp: '127.0.0.1',
    });
    const direct = await probeCalls('getHealth', () => handler(event, lambdaContext('getHealth', 10_000)));
    expect(direct).toEqual([
      { fn: 'getHealth', service: 'dynamodb', command: 'GetItem', tables: [{ name: table, own: true }] },
    ]);
    expect(violations(direct)).toEqual([]);
  });

  it('catches an ungranted write, transaction item, index and template', async () => {
    const calls = await probeCalls('getHealth', async () => {
      await ddb.send(new PutCommand({ TableName: table, Item: { PK: 'IAM#probe', SK: 'IAM' } }));
      await ddb.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              ConditionCheck: {
                TableName: table,
                Key: { PK: 'IAM#probe', SK: 'IAM' },
                ConditionExpression: 'attribute_exists(PK)',
              },
            },
            { Delete: { TableName: table, Key: { PK: 'IAM#other', SK: 'IAM' } } },
          ],
        }),
      );
      await ddb.send(
        new QueryCommand({
          TableName: table,
          IndexName: 'GSI1',
          KeyConditionExpression: 'GSI1PK = :pk',
          ExpressionAttributeValues: { ':pk': 'IAM#probe' },
        }),
      );
      await ses
        .send(
          new SendEmailCommand({
            FromEmailAddress: 'agenda@umkm.bekasikota.localhost',
            Destination: { ToAddresses: ['probe@example.test'] },
            Content: { Template: { TemplateName: 'not-created', TemplateData: '{}' } },
          }),
        )
        .catch(() => undefined);
    });
    expect(calls.map((call) => call.command)).toEqual([
      'PutItem',
      'TransactWriteItems',
      'Query',
      'SendEmail',
    ]);
    expect(calls[1]?.items).toEqual(['ConditionCheck', 'Delete']);
    expect(calls[3]).toMatchObject({ service: 'ses', template: 'not-created' });
    expect(violations(calls)).toEqual(
      [
        'getHealth: PutItem needs dynamodb:PutItem, which its row does not grant',
        'getHealth: TransactWriteItems needs dynamodb:ConditionCheckItem, which its row does not grant',
        'getHealth: TransactWriteItems needs dynamodb:DeleteItem, which its row does not grant',
        'getHealth: Query needs dynamodb:Query, which its row does not grant',
        'getHealth: Query reads the index GSI1, which its row does not list',
        'getHealth: SendEmail needs ses:SendEmail, which its row does not grant',
      ].sort(),
    );
  });
});
