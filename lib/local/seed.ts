import { PutCommand, GetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { demoEvents } from './seed-events.ts';
import { composeKey } from '../../functions/shared/keys.ts';
import { localClient } from './dynamodb.ts';

/** Bump when the demo data changes, so that `npm start` seeds again without `--fresh`. */
const SEED_VERSION = 2;
const seedMarker = { PK: 'LOCAL', SK: composeKey('SEED', SEED_VERSION) };

/**
 * Demo data for the local server, written once per data directory (a marker item records it), through
 * the features' own record builders and stores, so that it passes the same rules as the API's input.
 * The functions' modules read their configuration at load, so they are imported only now.
 */
export async function seedDemoData(endpoint: string, tableName: string): Promise<boolean> {
  const client = DynamoDBDocumentClient.from(localClient(endpoint));
  try {
    const marker = await client.send(new GetCommand({ TableName: tableName, Key: seedMarker }));
    if (marker.Item) return false;
    await seedBusinesses();
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

async function seedBusinesses(): Promise<void> {
  const { newBusiness } = await import('../../functions/businesses/records.ts');
  const { verifiedBusiness } = await import('../../functions/businesses/verification.ts');
  const { registerBusiness, replaceBusiness } = await import('../../functions/businesses/store.ts');
  const { demoBusinesses } = await import('./demo-businesses.ts');
  const operator = { sub: 'demo-operator', isOperator: true };
  for (const demo of demoBusinesses()) {
    const now = new Date().toISOString();
    const business = newBusiness(demo.input, { sub: demo.ownerSub, isOperator: false }, now);
    await registerBusiness(business);
    if (demo.decision !== 'pending') {
      const note =
        demo.decision === 'verified' ? 'Data dan dokumen sesuai.' : 'Lengkapi foto produk dan NIB.';
      await replaceBusiness(
        business,
        verifiedBusiness(business, { decision: demo.decision, note }, operator, now),
      );
    }
  }
}
