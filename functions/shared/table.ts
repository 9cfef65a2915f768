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
 * | business by id                 | GetItem   | PK = `BUSINESS#<id>`, SK = `BUSINESS`  | table |
 * | NIB taken? (unique guard)      | Put cond. | PK = `NIB#<nib>`, SK = `NIB`           | table |
 * | NIK held by one account        | Update cond. | PK = `NIK#<hmac(nik)>`, SK = `NIK` (owner sub, count) | table |
 * | owner's business count (cap)   | Update    | PK = `OWNER#<sub>`, SK = `OWNER`       | table |
 * | owner's businesses, newest 1st | Query     | GSI1PK = `OWNER#<sub>`, GSI1SK `BUSINESS#<id>` | GSI1 |
 * | businesses in a kecamatan      | Query     | GSI2PK = `BUSINESSES#KEC#<code>`, GSI2SK = `<id>` desc | GSI2 |
 * | businesses by status (queue)   | Query     | GSI3PK = `BUSINESSES#STATUS#<status>`, GSI3SK = `<id>` desc | GSI3 |
 * | all businesses, newest first   | Query     | GSI4PK = `BUSINESSES`, GSI4SK = `<id>` desc | GSI4 |
 * | business counters (stats)      | Query     | PK = `STATS#BUSINESSES` (one item per cell) | table |
 * | who read my data (UU PDP)      | Put / Query | PK = `OWNER#<sub>`, SK = `AUDIT#<id>` (TTL 2 years) | table |
 * | event by id                    | GetItem   | PK = `EVENT#<id>`, SK = `EVENT`        | table |
 * | public events in start order   | Query     | GSI1PK = `EVENTS#PUBLIC`, GSI1SK between `<startUtc>` bounds (`<startUtc>#<id>`) | GSI1 |
 * | operators' events by status    | Query     | GSI2PK = `EVENTS#<status>`, GSI2SK between `<startUtc>` bounds | GSI2 |
 * | subscriber by address or token | GetItem / conditional UpdateItem | PK = `SUBSCRIBER#<hmac(email)>`, SK = `SUBSCRIBER` | table |
 * | subscribe + queue its mail     | TransactWriteItems | subscriber Update + Put PK = `SUBSCRIBER#<hmac>`, SK = `OUTBOX#<ulid>` | table |
 * | mails to send (outbox)         | DynamoDB Streams | INSERT of SK prefix `OUTBOX#` (event source filter) → mailer | stream |
 * | survey by id (head: published definition + draft) | GetItem / conditional Put | PK = `SURVEY#<id>`, SK = `SURVEY` | table |
 * | a published version (immutable) | Put cond. (on publish) | PK = `SURVEY#<id>`, SK = `VERSION#<nnnn>` | table |
 * | all surveys, newest first      | Query     | GSI1PK = `SURVEYS`, GSI1SK = `<id>` desc | GSI1 |
 * | published surveys not yet closed | Query   | GSI2PK = `SURVEYS#PUBLISHED`, GSI2SK > `<nowUtc>` (`<closesAtUtc>#<id>`) | GSI2 |
 * | a business's response to a survey | GetItem / in a transaction | PK = `BUSINESS#<bid>`, SK = `RESPONSE#<surveyId>` | table |
 * | a business's responses (open list, erasure) | Query | PK = `BUSINESS#<bid>`, begins_with(SK, `RESPONSE#`) | table |
 * | an owner's responses (/me/data) | Query    | GSI1PK = `OWNER#<sub>`, begins_with(GSI1SK, `RESPONSE#`) | GSI1 |
 * | a survey's responses (export)  | Query     | GSI2PK = `SURVEY#<id>#RESPONSES`, GSI2SK = `<businessId>` | GSI2 |
 * | survey results (counters)      | Query     | PK = `SURVEY#<id>`, begins_with(SK, `RESULTS#[<kecamatan>#]`); one item per cell (`<kec>#<sector>#<size>`) and question (`Q#<key>`) or respondents (`ALL`) | table |
 * | owner's declared needs (digest) | GetItem / in a transaction | PK = `OWNER#<sub>`, SK = `NEEDS`: `needs` (string[], union over the owner's businesses), `byBusiness` | table |
 * | confirmed subscribers, by shard (digest) | Query (planner, off the request path) | GSI1PK = `DIGEST#<0..15>`, GSI1SK = `<subscriberId>` (sparse: confirmed only) | GSI1 |
 * | digest run of a week           | GetItem / conditional Put / Update | PK = `DIGEST#<runId>`, SK = `RUN` | table |
 * | digest runs, newest first      | Query     | GSI2PK = `DIGESTS`, GSI2SK = `<runId>` desc | GSI2 |
 * | a run's events, shard checkpoints, content, batch markers | GetItem / Query / conditional Update | PK = `DIGEST#<runId>`, SK = `EVENTS` / `SHARD#<nn>` / `CONTENT#<hash>` / `BATCH#<id>` (TTL) | table |
 * | an owner's declared needs (written by surveys) | BatchGetItem | PK = `OWNER#<sub>`, SK = `NEEDS` | table |
 *
 * Business lists take the most selective index for the filters given (kecamatan or kelurahan → GSI2,
 * else status → GSI3, else GSI4); the other filters narrow each page (a page may then hold fewer than
 * `limit` items while a cursor follows).
 *
 * Survey counters are adjusted in the same transaction as the response they count (a changed answer moves
 * its counts, an erased business takes its counts with it); results read O(cells × questions) items,
 * never the responses. The owner's `NEEDS` item is rewritten in that transaction when the answers change
 * a business's declared needs, and when a business is erased.
 *
 * Kecamatan and kelurahan are static reference data bundled with the functions (`functions/regions`),
 * not table items: they change by regulation, not by request.
 */
export const TABLE = {
  partitionKey: 'PK',
  sortKey: 'SK',
  /**
   * Generic indexes, named after their key attributes and overloaded by key prefixes; the table above
   * says which pattern each serves. GSI3 and GSI4 exist for the operators' business lists (by status, and
   * all businesses), which the kecamatan index (GSI2) cannot serve newest-first.
   */
  indexes: [
    { name: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
    { name: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' },
    { name: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' },
    { name: 'GSI4', partitionKey: 'GSI4PK', sortKey: 'GSI4SK' },
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
