import { join } from 'node:path';

/** Where the suites record the SDK calls each function sends (one JSON-lines file per process). */
export const SDK_CALLS_DIR = join(process.cwd(), '.test-logs', 'sdk-calls');
