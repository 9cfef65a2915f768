import { resolve } from 'node:path';

/**
 * The local stack's settings, read from the environment by every script (`npm start`, `npm run digest`,
 * `npm run token`, …) in one place, so that a stack started on other ports or with another data folder is
 * found by all of them. Each script's `--help` lists them (`SETTINGS_HELP`).
 */
export interface LocalSettings {
  /** The API (PORT, 3000). */
  port: number;
  /** DynamoDB Local (DYNAMODB_PORT, 8000). */
  dynamoDbPort: number;
  /** The SES v2 stand-in and its mail viewer (SES_PORT, 8005). */
  sesPort: number;
  /** The S3 stand-in (S3_PORT, 4568). */
  s3Port: number;
  /** Data, the dev issuer's key and the subscription secret (UMKM_LOCAL_DIR, `.local`). */
  directory: string;
  /** Browser origins the local API allows (CORS_ALLOW_ORIGINS, comma separated). */
  corsAllowOrigins: string[];
}

export const DEFAULT_CORS_ORIGINS = ['http://localhost:5173', 'http://localhost:8080'];

export const SETTINGS_HELP = [
  'Environment (the same for every local script):',
  '  PORT                 the API                        (default 3000)',
  '  DYNAMODB_PORT        DynamoDB Local                 (default 8000)',
  '  SES_PORT             SES stand-in and mail viewer   (default 8005)',
  '  S3_PORT              S3 stand-in                    (default 4568)',
  '  UMKM_LOCAL_DIR       local data folder              (default .local)',
  `  CORS_ALLOW_ORIGINS   browser origins, comma separated (default ${DEFAULT_CORS_ORIGINS.join(',')})`,
].join('\n');

/** A bad setting: the scripts print its message, not a stack trace. */
export class SettingsError extends Error {}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!/^\d{1,5}$/.test(text) || value > 65535)
    throw new SettingsError(`${name} must be a port number (0–65535)`);
  return value;
}

function origins(env: NodeJS.ProcessEnv): string[] {
  const text = env.CORS_ALLOW_ORIGINS;
  if (text === undefined) return DEFAULT_CORS_ORIGINS;
  const list = text
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  for (const origin of list) {
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      throw new SettingsError(`CORS_ALLOW_ORIGINS: ${origin} is not an origin like http://localhost:5173`);
    }
    if (parsed.origin !== origin)
      throw new SettingsError(
        `CORS_ALLOW_ORIGINS: ${origin} is not an origin (did you mean ${parsed.origin}?)`,
      );
  }
  return list;
}

export function localSettings(env: NodeJS.ProcessEnv = process.env): LocalSettings {
  return {
    port: port(env, 'PORT', 3000),
    dynamoDbPort: port(env, 'DYNAMODB_PORT', 8000),
    sesPort: port(env, 'SES_PORT', 8005),
    s3Port: port(env, 'S3_PORT', 4568),
    directory: resolve(env.UMKM_LOCAL_DIR || '.local'),
    corsAllowOrigins: origins(env),
  };
}

/** The endpoints a script uses to reach a running local stack. */
export const localEndpoints = (settings: LocalSettings) => ({
  apiUrl: `http://localhost:${settings.port}`,
  dynamoDbEndpoint: `http://127.0.0.1:${settings.dynamoDbPort}`,
  sesEndpoint: `http://127.0.0.1:${settings.sesPort}`,
  s3Endpoint: `http://127.0.0.1:${settings.s3Port}`,
});

/**
 * A script's command line: `--help` prints its usage and the settings; an unknown option or a bad setting
 * prints one line and exits with 2, never a stack trace.
 */
export function scriptSetup<T>(usage: string, parse: () => T): { values: T; settings: LocalSettings } {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(`${usage}\n\n${SETTINGS_HELP}\n`);
    process.exit(0);
  }
  try {
    return { values: parse(), settings: localSettings() };
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\nTry --help.\n`);
    process.exit(2);
  }
}
