import { PutCommand, GetCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { demoEvents } from './seed-events.ts';
import type { Business } from '../../functions/businesses/model.ts';
import { composeKey } from '../../functions/shared/keys.ts';
import { localClient } from './dynamodb.ts';

/** Bump when the demo data changes, so that `npm start` seeds again without `--fresh`. */
const SEED_VERSION = 3;
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
    await seedSurveys(await seedBusinesses());
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

async function seedBusinesses(): Promise<Business[]> {
  const { newBusiness } = await import('../../functions/businesses/changes.ts');
  const { verifiedBusiness } = await import('../../functions/businesses/verification.ts');
  const { registerBusiness, replaceBusiness } = await import('../../functions/businesses/store.ts');
  const { nikGuardOf } = await import('../../functions/businesses/identity.ts');
  const { demoBusinesses } = await import('./demo-businesses.ts');
  const operator = { sub: 'demo-operator', isOperator: true };
  const businesses: Business[] = [];
  for (const demo of demoBusinesses()) {
    const now = new Date().toISOString();
    const business = newBusiness(demo.input, { sub: demo.ownerSub, isOperator: false }, now);
    await registerBusiness(business, nikGuardOf(business.owner.nik));
    if (demo.decision !== 'pending') {
      const note =
        demo.decision === 'verified' ? 'Data dan dokumen sesuai.' : 'Lengkapi foto produk dan NIB.';
      await replaceBusiness(
        business,
        verifiedBusiness(business, { decision: demo.decision, note }, operator, now),
      );
    }
    businesses.push(business);
  }
  return businesses;
}

/**
 * The shipped "Kebutuhan UMKM" survey, published (open for 60 days from 30 days ago), answered by two
 * thirds of the demo businesses through the same checks and store as the API, so that results show.
 */
async function seedSurveys(businesses: Business[]): Promise<void> {
  const { toDefinition } = await import('../../functions/surveys/definition.ts');
  const { newSurvey, published } = await import('../../functions/surveys/model.ts');
  const { insertSurvey, replaceSurvey } = await import('../../functions/surveys/store.ts');
  const { checkAnswers } = await import('../../functions/surveys/answers.ts');
  const { saveAnswers } = await import('../../functions/surveys/answers-store.ts');
  const { cellOf } = await import('../../functions/surveys/views.ts');
  const { newId } = await import('../../functions/shared/ids.ts');
  const { TEMPLATES } = await import('../../functions/surveys/template.ts');
  const day = 86_400_000;
  const now = new Date().toISOString();
  const template = TEMPLATES['kebutuhan-umkm'];
  const definition = toDefinition({
    ...template,
    opensAt: new Date(Date.now() - 30 * day).toISOString(),
    closesAt: new Date(Date.now() + 30 * day).toISOString(),
  });
  const draft = newSurvey(newId(), definition, 'demo-operator', now, 'kebutuhan-umkm');
  await insertSurvey(draft);
  const survey = published(draft, now);
  await replaceSurvey(draft, survey);
  const obstacles = [
    'modal',
    'pasar',
    'bahan_baku',
    'keterampilan',
    'perizinan',
    'kemasan',
    'digital',
    'tempat_usaha',
  ];
  const needs = ['gerai', 'pelatihan', 'pasar', 'sertifikasi', 'pemasaran_online', 'pembiayaan'];
  for (const [index, business] of businesses.entries()) {
    if (index % 3 === 2) continue;
    const priority = [needs[index % 6] ?? 'gerai', needs[(index + 2) % 6] ?? 'pasar'];
    const checked = checkAnswers(definition.questions, {
      kendala_utama: [obstacles[index % 8], obstacles[(index + 3) % 8]],
      kebutuhan_prioritas: priority,
      ...(priority.includes('pelatihan') ? { topik_pelatihan: ['pemasaran_digital', 'pembukuan'] } : {}),
      tingkat_urgensi: (index % 5) + 1,
    });
    if (checked.errors.length > 0)
      throw new Error(`demo answers do not fit: ${JSON.stringify(checked.errors)}`);
    await saveAnswers(
      {
        businessId: business.id,
        surveyId: survey.id,
        ownerSub: business.ownerSub,
        version: 1,
        answers: checked.answers,
        kinds: checked.kinds,
        needs: checked.needs,
        cell: cellOf(business),
      },
      now,
    );
  }
}
