/**
 * Environment read once, at module load: a missing variable fails the function's init loudly instead of
 * failing the first request that needs it.
 */

export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`Environment variable ${name} is not set`);
  }
  return value;
}

export const stage = process.env.STAGE ?? 'local';
export const appVersion = process.env.APP_VERSION ?? '0.0.0-dev';

/** Origins allowed to call the API from a browser, comma separated; empty means none. */
export const corsAllowOrigins = (process.env.CORS_ALLOW_ORIGINS ?? '')
  .split(',')
  .map((origin) => origin.trim())
  .filter(Boolean);
