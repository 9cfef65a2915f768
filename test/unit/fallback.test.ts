import { beforeAll, describe, expect, it } from 'vitest';
import { routeKeys } from '../../functions/routes.ts';
import { invoke } from '../helpers/invoke.ts';

type Handler = Parameters<typeof invoke>[0];
let fallback: Handler;

describe('the $default function', () => {
  beforeAll(async () => {
    process.env.ROUTE_KEYS = JSON.stringify(routeKeys());
    fallback = ((await import('../../functions/fallback/not-found.ts')) as { handler: Handler }).handler;
  });

  it('answers 405 with Allow when the path exists under another method', async () => {
    const response = await invoke(fallback, {
      method: 'DELETE',
      path: '/regions/32.75.01',
      routeKey: '$default',
    });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET');
    expect(response.headers['content-type']).toBe('application/problem+json');
  });

  it('answers 404 for a path no route has', async () => {
    const response = await invoke(fallback, { path: '/admin/.env', routeKey: '$default' });
    expect(response.status).toBe(404);
    expect(response.json()).toMatchObject({ status: 404, title: 'Not Found' });
  });
});
