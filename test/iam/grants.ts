import { routes } from '../../functions/routes.ts';
import { workers } from '../../functions/workers.ts';
import type { SdkCall } from '../../lib/local/sdk-calls.ts';

/**
 * A function's grant as the stack builds it from the manifests (`lib/api.ts` and `lib/workers.ts`; the
 * infra suite checks that the synthesized policies say exactly this): IAM actions, the table's indexes the
 * table actions also cover, and the SES templates each SES action may use.
 */
export interface Grant {
  actions: Set<string>;
  indexes: Set<string>;
  templates: Map<string, Set<string>>;
}

/** What `Queue.grantSendMessages` allows. */
const SQS_SEND = ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'];

export function grantOf(fn: string): Grant | undefined {
  const grant: Grant = { actions: new Set(), indexes: new Set(), templates: new Map() };
  // The `$default` function answers 404/405 from its environment alone.
  if (fn === 'fallback') return grant;
  const route = routes.find((row) => row.id === fn);
  const worker = workers.find((row) => row.id === fn);
  const row = route ?? worker;
  if (!row) return undefined;
  for (const action of row.table?.actions ?? []) grant.actions.add(`dynamodb:${action}`);
  for (const index of row.table?.indexes ?? []) grant.indexes.add(index);
  for (const extra of worker?.grants ?? []) {
    switch (extra.kind) {
      case 'ses-send':
        grant.actions.add(`ses:${extra.action}`);
        grant.templates.set(`ses:${extra.action}`, new Set(extra.templates));
        break;
      case 'sqs-send':
        for (const action of SQS_SEND) grant.actions.add(action);
        break;
    }
  }
  return grant;
}

/** DynamoDB authorizes each item of a transaction as the single-item action it is. */
const TRANSACT_ITEM_ACTIONS: Record<string, string> = {
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  ConditionCheck: 'ConditionCheckItem',
  Get: 'GetItem',
};

/** The IAM actions one call needs. */
export function iamActions(call: SdkCall): string[] {
  if (call.service === 'dynamodb' && call.items)
    return [...new Set(call.items.map((kind) => `dynamodb:${TRANSACT_ITEM_ACTIONS[kind] ?? kind}`))];
  // A batch send is authorized as sqs:SendMessage (SQS has no separate batch actions).
  if (call.service === 'sqs' && call.command.endsWith('Batch'))
    return [`sqs:${call.command.slice(0, -'Batch'.length)}`];
  return [`${call.service}:${call.command}`];
}

/** Every way in which the calls go beyond their function's grant, one line each. */
export function violations(calls: readonly SdkCall[]): string[] {
  const found = new Set<string>();
  for (const call of calls) {
    const grant = grantOf(call.fn);
    const where = `${call.fn}: ${call.command}`;
    if (!grant) {
      found.add(`${where}: no route or worker row has the id ${call.fn}`);
      continue;
    }
    for (const action of iamActions(call)) {
      if (!grant.actions.has(action)) found.add(`${where} needs ${action}, which its row does not grant`);
      const templates = grant.templates.get(action);
      if (templates && call.template !== undefined && !templates.has(call.template))
        found.add(`${where} uses the template ${call.template}, which its row does not list`);
    }
    for (const table of call.tables ?? []) {
      if (!table.own) found.add(`${where} names the table ${table.name}, not its own`);
    }
    if (call.index !== undefined && !grant.indexes.has(call.index))
      found.add(`${where} reads the index ${call.index}, which its row does not list`);
  }
  return [...found].sort();
}
