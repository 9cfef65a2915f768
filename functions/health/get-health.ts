import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { httpHandler } from '../shared/http.ts';
import { appVersion, stage } from '../shared/config.ts';
import { ddb, tableName } from '../shared/db.ts';
import { healthKey } from '../shared/keys.ts';
import { logger } from '../shared/logger.ts';
import { getHealth } from './routes.ts';

/** How long the probe waits for the table before it calls it unreachable. */
const PROBE_TIMEOUT_MS = 2000;

async function tableAnswers(): Promise<boolean> {
  try {
    await ddb.send(new GetCommand({ TableName: tableName, Key: healthKey() }), {
      abortSignal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    return true;
  } catch (error) {
    logger.warn('table probe failed', { errorName: (error as Error).name });
    return false;
  }
}

/** 200 when the table answers, 503 (same body, so monitors can read it) when it does not. */
export const handler = httpHandler(getHealth, async () => {
  const table = (await tableAnswers()) ? 'ok' : 'unreachable';
  return {
    status: table === 'ok' ? 200 : 503,
    body: { status: table === 'ok' ? 'ok' : 'degraded', version: appVersion, stage, table },
    headers: { 'Cache-Control': 'no-store' },
  };
});
