/**
 * Child process of `bench/imports.ts`: what DynamoDB Local itself can write on this machine, with none of
 * the import's own work (no file, no repair, no queue, no job). The items are the import's own: a
 * business record as the table holds it (`toItem`: key, three index keys, the record) and its NIB guard.
 *
 * - `transact`: new rows as the import writes them, a record and its guard per row, both conditional,
 *   49 rows (98 items) per TransactWriteItems, `inFlight` requests at once.
 * - `batch`: records alone, unconditional, 25 per BatchWriteItem, `inFlight` at once: the most any write
 *   of one item per row could reach here, with no uniqueness and no all-or-nothing row.
 *
 * DynamoDB Local runs every write through one SQLite connection on one thread, so these rates do not grow
 * with `inFlight` beyond a few. Reports rows (or items) per second over IPC.
 */
import { BatchWriteCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ensureTable } from '../lib/local/dynamodb.ts';
import { sampleRows } from '../test/helpers/import-sample.ts';

export interface CeilingArgs {
  rows: number;
  inFlight: number;
}

export interface CeilingResult {
  transactRowsPerSecond: number;
  batchItemsPerSecond: number;
  recordBytes: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as CeilingArgs;
const tableName = process.env.TABLE_NAME ?? '';
await ensureTable(process.env.DYNAMODB_ENDPOINT ?? '', tableName);

const { ddb } = await import('../functions/shared/db.ts');
const { toItem } = await import('../functions/businesses/store.ts');
const { nibGuardKey } = await import('../functions/shared/keys.ts');
const { repairRow } = await import('../functions/imports/repair.ts');
const { newId } = await import('../functions/shared/ids.ts');
const { inOrder } = await import('../functions/shared/in-order.ts');

/** NIBs no other record of this process holds. */
let nextNib = 9_300_000_000_000 + Math.floor(Math.random() * 1e9) * 100;

/** `count` imported records made by the product's repair from the bench's sample rows, each with a NIB. */
function records(count: number) {
  const importId = newId();
  const now = new Date().toISOString();
  return sampleRows(count).flatMap(({ values }, index) => {
    const outcome = repairRow(values, { kind: 'import', importId, row: index + 1 }, 'bench', now);
    return outcome.kind === 'valid' ? [{ ...outcome.business, nib: String(nextNib++) }] : [];
  });
}

/** Runs `send` over `groups` with `inFlight` requests at once; seconds taken. */
async function timed<T>(groups: T[][], send: (group: T[]) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await inOrder(groups, args.inFlight, send);
  return (performance.now() - started) / 1000;
}

const inGroups = <T>(items: T[], size: number) =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, index) =>
    items.slice(index * size, (index + 1) * size),
  );
const absent = { ConditionExpression: 'attribute_not_exists(PK)' };

/** New rows as the import writes them: record and NIB guard, both conditional, 49 rows per transaction. */
const writeRows = (rows: ReturnType<typeof records>) =>
  timed(inGroups(rows, 49), (group) =>
    ddb.send(
      new TransactWriteCommand({
        TransactItems: group.flatMap((business) => [
          { Put: { TableName: tableName, Item: toItem(business), ...absent } },
          {
            Put: {
              TableName: tableName,
              Item: { ...nibGuardKey(business.nib), businessId: business.id },
              ...absent,
            },
          },
        ]),
      }),
    ),
  );
// Once untimed: the JVM compiles DynamoDB Local's hot paths in its first thousands of writes.
await writeRows(records(args.rows));
const rows = records(args.rows);
const transactSeconds = await writeRows(rows);
const more = records(args.rows).map((business) => toItem(business));
const batchSeconds = await timed(inGroups(more, 25), (group) =>
  ddb.send(
    new BatchWriteCommand({ RequestItems: { [tableName]: group.map((Item) => ({ PutRequest: { Item } })) } }),
  ),
);

const result: CeilingResult = {
  transactRowsPerSecond: Math.round(rows.length / transactSeconds),
  batchItemsPerSecond: Math.round(more.length / batchSeconds),
  recordBytes: Math.round(more.reduce((sum, item) => sum + JSON.stringify(item).length, 0) / more.length),
};
process.send?.(result);
