import { describe, expect, it } from 'vitest';
import { routes } from '../../functions/routes.ts';
import { workers } from '../../functions/workers.ts';
import type { SdkCall } from '../../lib/local/sdk-calls.ts';
import { grantOf, iamActions, violations } from '../iam/grants.ts';

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
