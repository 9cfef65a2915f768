import { PutCommand, GetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { demoEvents } from './seed-events.ts';
import { composeKey } from '../../functions/shared/keys.ts';
import { localClient } from './dynamodb.ts';

/** Bump when the demo data changes, so that `npm start` seeds again without `--fresh`. */
const SEED_VERSION = 2;
const seedMarker = { PK: 'LOCAL', SK: composeKey('SEED', SEED_VERSION) };

/**
 * Demo data for the local server, written once per data directory (a marker item records it). Each
 * feature adds its demo records here as it lands; the foundation has no table-backed records yet
 * (regions are bundled reference data).
 */
export async function seedDemoData(endpoint: string, tableName: string): Promise<boolean> {
  const client = DynamoDBDocumentClient.from(localClient(endpoint));
  try {
    const marker = await client.send(new GetCommand({ TableName: tableName, Key: seedMarker }));
    if (marker.Item) return false;
    for (const item of demoEvents(new Date())) {
      await client.send(new PutCommand({ TableName: tableName, Item: item }));
    }
    await client.send(
      new PutCommand({ TableName: tableName, Item: { ...seedMarker, seededAt: new Date().toISOString() } }),
    );
    return true;
  } finally {
    client.destroy();
  }
}
