import { routes } from '../../functions/routes.ts';
import { STORAGE_PREFIXES, type StorageGrant } from '../../functions/shared/storage-keys.ts';
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
  /** S3 actions and the key prefixes each is allowed under. */
  prefixes: Map<string, Set<string>>;
}

/** What `lib/storage.ts` allows for each access a row names. */
const STORAGE_ACTIONS = {
  read: ['s3:GetObject'],
  write: ['s3:PutObject', 's3:AbortMultipartUpload'],
  delete: ['s3:DeleteObject'],
};

export function addStorage(grant: Grant, { prefix, access }: StorageGrant): void {
  for (const action of access.flatMap((operation) => STORAGE_ACTIONS[operation])) {
    grant.actions.add(action);
    grant.prefixes.set(action, new Set([...(grant.prefixes.get(action) ?? []), STORAGE_PREFIXES[prefix]]));
  }
}

/** What `Queue.grantSendMessages` allows. */
const SQS_SEND = ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'];

export const emptyGrant = (): Grant => ({
  actions: new Set(),
  indexes: new Set(),
  templates: new Map(),
  prefixes: new Map(),
});

export function grantOf(fn: string): Grant | undefined {
  const grant = emptyGrant();
  // The `$default` function answers 404/405 from its environment alone.
  if (fn === 'fallback') return grant;
  const route = routes.find((row) => row.id === fn);
  const worker = workers.find((row) => row.id === fn);
  const row = route ?? worker;
  if (!row) return undefined;
  for (const action of row.table?.actions ?? []) grant.actions.add(`dynamodb:${action}`);
  for (const index of row.table?.indexes ?? []) grant.indexes.add(index);
  for (const storage of route?.storage ?? []) addStorage(grant, storage);
  for (const extra of worker?.grants ?? []) {
    switch (extra.kind) {
      case 'ses-send':
        grant.actions.add(`ses:${extra.action}`);
        grant.templates.set(`ses:${extra.action}`, new Set(extra.templates));
        break;
      case 'sqs-send':
        for (const action of SQS_SEND) grant.actions.add(action);
        break;
      case 'storage':
        addStorage(grant, extra);
        break;
      case 'secret-read':
        // Secret.grantRead: the value and its metadata (the extension reads it over HTTP, unsigned).
        grant.actions.add('secretsmanager:GetSecretValue');
        grant.actions.add('secretsmanager:DescribeSecret');
        break;
      default: {
        // A new kind of grant in shared/worker.ts: say here which IAM actions it allows.
        const unknown: never = extra;
        throw new Error(`test/iam/grants.ts does not know the grant ${JSON.stringify(unknown)}`);
      }
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
  // A copy reads its source and writes its target.
  if (call.service === 's3' && call.command === 'CopyObject') return ['s3:PutObject', 's3:GetObject'];
  if (call.service === 'sqs' && call.command.endsWith('Batch'))
    return [`sqs:${call.command.slice(0, -'Batch'.length)}`];
  return [`${call.service}:${call.command}`];
}

/** Every way in which the calls go beyond their function's grant, one line each. */
export function violations(
  calls: readonly SdkCall[],
  grantOfFunction: (fn: string) => Grant | undefined = grantOf,
): string[] {
  const found = new Set<string>();
  for (const call of calls) {
    const grant = grantOfFunction(call.fn);
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
      const prefixes = grant.prefixes.get(action);
      const key = action === 's3:GetObject' && call.sourceKey !== undefined ? call.sourceKey : call.key;
      if (prefixes && key !== undefined && ![...prefixes].some((prefix) => key.startsWith(prefix)))
        found.add(`${where} names the object ${key}, outside the prefixes its row lists for ${action}`);
    }
    for (const table of call.tables ?? []) {
      if (!table.own) found.add(`${where} names the table ${table.name}, not its own`);
    }
    if (call.index !== undefined && !grant.indexes.has(call.index))
      found.add(`${where} reads the index ${call.index}, which its row does not list`);
  }
  return [...found].sort();
}
