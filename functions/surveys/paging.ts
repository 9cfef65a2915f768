import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { decodeKeyCursor, encodeKeyCursor } from '../shared/cursor.ts';
import { ddb, tableName } from '../shared/db.ts';

type Query = Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>;

/**
 * One page of an index partition, `limit` items at most, after a cursor checked to belong to that
 * partition (400 otherwise); `query` adds a filter, an order or more values.
 */
export async function indexPage(
  index: 'GSI1' | 'GSI2',
  partition: string,
  page: { limit: number; cursor?: string },
  query: Partial<Query> = {},
): Promise<{ items: Record<string, unknown>[]; cursor?: string }> {
  const startKey = decodeKeyCursor(page.cursor, {
    attributes: ['PK', 'SK', `${index}PK`, `${index}SK`],
    partition: [`${index}PK`, partition],
  });
  const { Items = [], LastEvaluatedKey } = await ddb.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: index,
      KeyConditionExpression: `${index}PK = :partition`,
      ...query,
      ExpressionAttributeValues: { ':partition': partition, ...query.ExpressionAttributeValues },
      Limit: page.limit,
      ...(startKey ? { ExclusiveStartKey: startKey } : {}),
    }),
  );
  const cursor = encodeKeyCursor(LastEvaluatedKey);
  return { items: Items, ...(cursor ? { cursor } : {}) };
}

/** Every page of a query whose size is bounded by design (a business's responses, a survey's counters). */
export async function queryAll(query: Query): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await ddb.send(
      new QueryCommand({
        TableName: tableName,
        ...query,
        ...(startKey ? { ExclusiveStartKey: startKey } : {}),
      }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
