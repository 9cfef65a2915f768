import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';

/**
 * The one table, defined once: the CDK construct (`lib/table.ts`) and the local bootstrap
 * (`lib/local/dynamodb.ts`) both build it from this object.
 *
 * Keys are composed from named parts by the helpers in `keys.ts`; handlers never write key strings.
 * Every request path uses a Get, a Query on a key, a conditional write or one transaction: no Scan.
 *
 * Access patterns (add a row with each feature):
 *
 * | pattern                        | operation | key condition                          | index |
 * | ------------------------------ | --------- | -------------------------------------- | ----- |
 * | health probe (table answers)   | GetItem   | PK = `HEALTH`, SK = `HEALTH`           | table |
| event by id                    | GetItem   | PK = `EVENT#<id>`, SK = `EVENT`        | table |
| public events in start order   | Query     | GSI1PK = `EVENTS#PUBLIC`, GSI1SK between `<startUtc>` bounds (`<startUtc>#<id>`) | GSI1 |
| operators' events by status    | Query     | GSI2PK = `EVENTS#<status>`, GSI2SK between `<startUtc>` bounds | GSI2 |
| subscriber by address or token | GetItem / conditional UpdateItem | PK = `SUBSCRIBER#<hmac(email)>`, SK = `SUBSCRIBER` | table |
| subscribe + queue its mail     | TransactWriteItems | subscriber Update + Put PK = `SUBSCRIBER#<hmac>`, SK = `OUTBOX#<ulid>` | table |
| mails to send (outbox)         | DynamoDB Streams | INSERT of SK prefix `OUTBOX#` (event source filter) → mailer | stream |
 *
 * Kecamatan and kelurahan are static reference data bundled with the functions (`functions/regions`),
 * not table items: they change by regulation, not by request.
 */
export const TABLE = {
  partitionKey: 'PK',
  sortKey: 'SK',
  /** Generic indexes, named after their key attributes; each feature documents what it stores in them. */
  indexes: [
    { name: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    { name: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
  ],
  /** Epoch seconds after which DynamoDB deletes the item (pending subscriptions, markers). */
  ttlAttribute: 'expiresAt',
  /** The outbox: new items that need a mail reach the mailer through the table's stream. */
  streamViewType: 'NEW_IMAGE',
} as const;

export type IndexName = (typeof TABLE.indexes)[number]['name'];

/** The CreateTable request for DynamoDB Local, equivalent to what the CDK construct deploys. */
export function createTableInput(tableName: string): CreateTableCommandInput {
  const attributes = new Set<string>([
    TABLE.partitionKey,
    TABLE.sortKey,
    ...TABLE.indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ]);
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: TABLE.partitionKey, KeyType: 'HASH' },
      { AttributeName: TABLE.sortKey, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: TABLE.indexes.map((index) => ({
      IndexName: index.name,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: 'HASH' },
        { AttributeName: index.sortKey, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: TABLE.streamViewType },
  };
}
