import { describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes.ts';
import { workers } from '../../functions/workers.ts';
import type { ClientRequest } from 'node:http';
import { describeCall, type SdkCall } from '../../lib/local/sdk-calls.ts';
import { addStorage, emptyGrant, grantOf, iamActions, violations } from '../iam/grants.ts';

const own = (name = 'umkm-hub-local') => ({ name, own: true });
const call = (fn: string, command: string, extra: Partial<SdkCall> = {}): SdkCall => ({
  fn,
  service: 'dynamodb',
  command,
  tables: [own()],
  ...extra,
});

describe('the IAM check of recorded SDK calls', () => {
  it('knows the grant of every route and worker row, read from the manifests', () => {
    for (const row of [...routes, ...workers]) {
      const grant = grantOf(row.id);
      expect(grant, row.id).toBeDefined();
      for (const action of row.table?.actions ?? [])
        expect(grant?.actions.has(`dynamodb:${action}`)).toBe(true);
    }
    expect(grantOf('fallback')?.actions.size).toBe(0);
    expect(grantOf('no-such-function')).toBeUndefined();
  });

  it('maps commands to the IAM actions AWS authorizes them as', () => {
    expect(iamActions(call('f', 'Query'))).toEqual(['dynamodb:Query']);
    expect(
      iamActions(
        call('f', 'TransactWriteItems', { items: ['Update', 'Put', 'ConditionCheck', 'Put', 'Delete'] }),
      ),
    ).toEqual([
      'dynamodb:UpdateItem',
      'dynamodb:PutItem',
      'dynamodb:ConditionCheckItem',
      'dynamodb:DeleteItem',
    ]);
    expect(iamActions(call('f', 'TransactGetItems', { items: ['Get'] }))).toEqual(['dynamodb:GetItem']);
    expect(iamActions({ fn: 'f', service: 'sqs', command: 'SendMessageBatch' })).toEqual(['sqs:SendMessage']);
    expect(iamActions({ fn: 'f', service: 'ses', command: 'SendBulkEmail' })).toEqual(['ses:SendBulkEmail']);
  });

  it('passes calls within the grant', () => {
    expect(
      violations([
        call('getHealth', 'GetItem'),
        call('createSubscription', 'TransactWriteItems', { items: ['Update', 'Put'] }),
        call('digestPlanner', 'Query', { index: 'GSI1' }),
        { fn: 'digestPlanner', service: 'sqs', command: 'SendMessageBatch', queue: 'plan' },
        { fn: 'mailer', service: 'ses', command: 'SendEmail', template: 'confirm-id' },
      ]),
    ).toEqual([]);
  });

  it('checks S3 calls against the prefixes of a row’s storage grants, a copy on both its keys', () => {
    const s3 = (fn: string, command: string, key: string, sourceKey?: string): SdkCall => ({
      fn,
      service: 's3',
      command,
      key,
      ...(sourceKey ? { sourceKey } : {}),
    });
    // A row reading import uploads and writing reports (as the import's rows name them).
    const importer = emptyGrant();
    addStorage(importer, { prefix: 'importUploads', access: ['read'] });
    addStorage(importer, { prefix: 'importReports', access: ['write'] });
    const lookup = (fn: string) => (fn === 'importer' ? importer : grantOf(fn));
    expect(
      violations(
        [
          s3('importer', 'GetObject', 'imports/uploads/A.csv'),
          s3('importer', 'PutObject', 'imports/reports/A.csv'),
          s3('importer', 'CopyObject', 'imports/reports/B.csv', 'imports/uploads/B.csv'),
        ],
        lookup,
      ),
    ).toEqual([]);
    expect(
      violations(
        [
          s3('importer', 'GetObject', 'posters/images/A.png'),
          s3('importer', 'PutObject', 'imports/uploads/A.csv'),
          s3('importer', 'DeleteObject', 'imports/uploads/A.csv'),
        ],
        lookup,
      ),
    ).toEqual([
      'importer: DeleteObject needs s3:DeleteObject, which its row does not grant',
      'importer: GetObject names the object posters/images/A.png, outside the prefixes its row lists for s3:GetObject',
      'importer: PutObject names the object imports/uploads/A.csv, outside the prefixes its row lists for s3:PutObject',
    ]);
    expect(violations([s3('getHealth', 'CopyObject', 'posters/images/a', 'posters/uploads/a')])).toEqual([
      'getHealth: CopyObject needs s3:GetObject, which its row does not grant',
      'getHealth: CopyObject needs s3:PutObject, which its row does not grant',
    ]);
  });

  it('fails an action, a transaction item, an index, a table, a template or a function outside the grant', () => {
    const found = violations([
      call('getHealth', 'PutItem'),
      call('getHealth', 'Scan'),
      call('createSubscription', 'TransactWriteItems', { items: ['Update', 'ConditionCheck'] }),
      call('digestPlanner', 'Query', { index: 'GSI4' }),
      call('getHealth', 'GetItem', { tables: [{ name: 'another-table', own: false }] }),
      { fn: 'mailer', service: 'ses', command: 'SendEmail', template: 'digest-weekly-id' },
      { fn: 'mailer', service: 'ses', command: 'SendBulkEmail' },
      { fn: 'getHealth', service: 'sqs', command: 'SendMessageBatch' },
      { fn: 'fallback', service: 'dynamodb', command: 'GetItem' },
      call('ghost', 'GetItem'),
    ]);
    expect(found).toEqual(
      [
        'getHealth: PutItem needs dynamodb:PutItem, which its row does not grant',
        'getHealth: Scan needs dynamodb:Scan, which its row does not grant',
        'createSubscription: TransactWriteItems needs dynamodb:ConditionCheckItem, which its row does not grant',
        'digestPlanner: Query reads the index GSI4, which its row does not list',
        'getHealth: GetItem names the table another-table, not its own',
        'mailer: SendEmail uses the template digest-weekly-id, which its row does not list',
        'mailer: SendBulkEmail needs ses:SendBulkEmail, which its row does not grant',
        'getHealth: SendMessageBatch needs sqs:SendMessage, which its row does not grant',
        'fallback: GetItem needs dynamodb:GetItem, which its row does not grant',
        'ghost: GetItem: no route or worker row has the id ghost',
      ].sort(),
    );
  });
});

const signed = (service: string, method: string, path: string, headers: Record<string, string> = {}) =>
  ({
    method,
    path,
    getHeader: (name: string) =>
      ({
        authorization: `AWS4-HMAC-SHA256 Credential=local/20261201/ap-southeast-3/${service}/aws4_request, SignedHeaders=host, Signature=0`,
        host: '127.0.0.1:4568',
        ...headers,
      })[name],
  }) as unknown as ClientRequest;

describe('reading a signed request off the wire', () => {
  it('names the DynamoDB command, its table, index and transaction item kinds', () => {
    const target = (command: string) => ({ 'x-amz-target': `DynamoDB_20120810.${command}` });
    expect(
      describeCall(
        'f',
        signed('dynamodb', 'POST', '/', target('Query')),
        '{"TableName":"t","IndexName":"GSI2"}',
      ),
    ).toEqual({
      fn: 'f',
      service: 'dynamodb',
      command: 'Query',
      tables: [{ name: 't', own: false }],
      index: 'GSI2',
    });
    expect(
      describeCall(
        'f',
        signed('dynamodb', 'POST', '/', target('TransactWriteItems')),
        JSON.stringify({
          TransactItems: [
            { Update: { TableName: 't' } },
            { Put: { TableName: 't' } },
            { Put: { TableName: 't' } },
          ],
        }),
      ),
    ).toMatchObject({ command: 'TransactWriteItems', items: ['Put', 'Update'] });
  });

  it('names SES v2, SQS and S3 calls by the action IAM checks, and ignores unsigned HTTP', () => {
    expect(describeCall('f', signed('ses', 'POST', '/v2/email/outbound-bulk-emails'), '{}')).toMatchObject({
      command: 'SendBulkEmail',
    });
    expect(
      describeCall(
        'f',
        signed('sqs', 'POST', '/', { 'x-amz-target': 'AmazonSQS.SendMessageBatch' }),
        '{"QueueUrl":"http://q/1/digest-plan"}',
      ),
    ).toMatchObject({ command: 'SendMessageBatch', queue: 'digest-plan' });
    expect(describeCall('f', signed('s3', 'GET', '/imports/a/b.csv'), '')?.command).toBe('GetObject');
    expect(describeCall('f', signed('s3', 'POST', '/imports/a.csv?uploads'), '')?.command).toBe('PutObject');
    expect(
      describeCall(
        'f',
        signed('s3', 'PUT', '/a.csv', { host: 'imports.s3.ap-southeast-3.amazonaws.com' }),
        '',
      )?.command,
    ).toBe('PutObject');
    expect(describeCall('f', signed('s3', 'GET', '/imports?list-type=2'), '')?.command).toBe('GET /imports');
    expect(
      describeCall(
        'f',
        { ...signed('s3', 'GET', '/'), getHeader: () => undefined } as unknown as ClientRequest,
        '',
      ),
    ).toBeUndefined();
  });
});
