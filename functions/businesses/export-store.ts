import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ddb, tableName } from '../shared/db.ts';
import { absent, expiresAfter, isConditionFailure, recordOf } from '../shared/dynamo.ts';
import { exportJobKey } from '../shared/keys.ts';
import { EXPORT_JOB_TTL_SECONDS, type ExportJob } from './export-model.ts';

/**
 * The export job items (one per export, `EXPORT#<id>`): created by the route, advanced by the worker with
 * conditional writes, so that two deliveries of the same message never both move a job on.
 */

export async function createExportJob(job: ExportJob): Promise<void> {
  await ddb.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...exportJobKey(job.id),
        entity: 'export',
        ...job,
        ...expiresAfter(Date.parse(job.requestedAt), EXPORT_JOB_TTL_SECONDS),
      },
      ...absent(),
    }),
  );
}

export async function findExportJob(id: string): Promise<ExportJob | undefined> {
  const { Item } = await ddb.send(
    new GetCommand({ TableName: tableName, Key: exportJobKey(id), ConsistentRead: true }),
  );
  return Item ? jobOf(Item) : undefined;
}

/** The job of an item, without the worker's lease and the item's expiry. */
function jobOf(item: Record<string, unknown>): ExportJob {
  const {
    expiresAt: _expiresAt,
    lease: _lease,
    leaseUntil: _leaseUntil,
    ...job
  } = recordOf<ExportJob & { expiresAt?: number; lease?: string; leaseUntil?: number }>(item);
  return job;
}

const ACTIVE = [':queued', ':collecting', ':assembling'];
const activeValues = { ':queued': 'queued', ':collecting': 'collecting', ':assembling': 'assembling' };

/**
 * Takes the job for one leg of the worker until `untilMs` (the invocation's deadline): only while it is
 * unfinished and nobody else holds it, so that a message delivered twice never runs two legs at once. The
 * job as it is then, or undefined when it is finished, gone or taken.
 */
export async function takeExportLease(
  id: string,
  token: string,
  nowMs: number,
  untilMs: number,
): Promise<ExportJob | undefined> {
  try {
    const { Attributes } = await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: exportJobKey(id),
        UpdateExpression:
          'SET #lease = :token, #leaseUntil = :until, #legs = #legs + :one, #updatedAt = :now',
        ConditionExpression: `attribute_exists(PK) AND #state IN (${ACTIVE.join(', ')}) AND (attribute_not_exists(#leaseUntil) OR #leaseUntil < :nowMs)`,
        ExpressionAttributeNames: {
          '#lease': 'lease',
          '#leaseUntil': 'leaseUntil',
          '#legs': 'legs',
          '#updatedAt': 'updatedAt',
          '#state': 'state',
        },
        ExpressionAttributeValues: {
          ':token': token,
          ':until': untilMs,
          ':one': 1,
          ':now': new Date(nowMs).toISOString(),
          ':nowMs': nowMs,
          ...activeValues,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return Attributes ? jobOf(Attributes) : undefined;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
}

/**
 * Writes the leg's progress (`changes`, and `remove`d attributes) while it still holds the lease; `release`
 * gives the lease up (the leg ends). False when the lease was lost (the leg must stop).
 */
export async function saveExportJob(
  id: string,
  token: string,
  changes: Partial<Omit<ExportJob, 'id' | 'requestedBy' | 'requestedAt'>>,
  options: { remove?: readonly (keyof ExportJob)[]; release?: boolean } = {},
): Promise<boolean> {
  const names: Record<string, string> = { '#lease': 'lease' };
  const values: Record<string, unknown> = { ':token': token };
  const sets = Object.entries(changes).map(([name, value]) => {
    names[`#${name}`] = name;
    values[`:${name}`] = value;
    return `#${name} = :${name}`;
  });
  const removed: string[] = [...(options.remove ?? [])];
  if (options.release) {
    names['#leaseUntil'] = 'leaseUntil';
    removed.push('lease', 'leaseUntil');
  }
  for (const name of removed) names[`#${name}`] ??= name;
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: exportJobKey(id),
        UpdateExpression: [
          ...(sets.length > 0 ? [`SET ${sets.join(', ')}`] : []),
          ...(removed.length > 0 ? [`REMOVE ${removed.map((name) => `#${name}`).join(', ')}`] : []),
        ].join(' '),
        ConditionExpression: 'attribute_exists(PK) AND #lease = :token',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Marks an unfinished job failed for good (whoever holds it), with a reason for the operator. */
export async function failExportJob(id: string, reason: string, nowMs: number): Promise<boolean> {
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: exportJobKey(id),
        UpdateExpression:
          'SET #state = :failed, #error = :reason, #updatedAt = :now, #finishedAt = :now REMOVE #lease, #leaseUntil',
        ConditionExpression: `attribute_exists(PK) AND #state IN (${ACTIVE.join(', ')})`,
        ExpressionAttributeNames: {
          '#state': 'state',
          '#error': 'error',
          '#updatedAt': 'updatedAt',
          '#finishedAt': 'finishedAt',
          '#lease': 'lease',
          '#leaseUntil': 'leaseUntil',
        },
        ExpressionAttributeValues: {
          ':failed': 'failed',
          ':reason': reason,
          ':now': new Date(nowMs).toISOString(),
          ...activeValues,
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
