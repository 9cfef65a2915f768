import { describe, expect, it } from 'vitest';
import { SUBJECT, callerFrom } from '../../functions/shared/auth.ts';
import { invoke } from '../helpers/invoke.ts';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

const eventWith = (claims?: Record<string, unknown>) =>
  ({
    requestContext: claims ? { authorizer: { jwt: { claims } } } : {},
  }) as unknown as APIGatewayProxyEventV2;

describe('callerFrom', () => {
  it('reads groups as API Gateway passes them, a bracketed string', () => {
    expect(callerFrom(eventWith({ sub: 'a', 'cognito:groups': '[operators]' }))).toEqual({
      sub: 'a',
      isOperator: true,
    });
    expect(callerFrom(eventWith({ sub: 'a', 'cognito:groups': '[readers operators]' }))?.isOperator).toBe(
      true,
    );
    expect(callerFrom(eventWith({ sub: 'a', 'cognito:groups': '[operatorsx]' }))?.isOperator).toBe(false);
  });

  it('reads groups given as an array', () => {
    expect(callerFrom(eventWith({ sub: 'a', 'cognito:groups': ['operators'] }))?.isOperator).toBe(true);
  });

  it('has no caller without a subject', () => {
    expect(callerFrom(eventWith())).toBeUndefined();
    expect(callerFrom(eventWith({ 'cognito:groups': '[operators]' }))).toBeUndefined();
    expect(callerFrom(eventWith({ sub: '' }))).toBeUndefined();
  });
});

describe('token subjects', () => {
  const status = (run: () => unknown) => {
    try {
      run();
      return 'accepted';
    } catch (error) {
      return (error as { status?: number }).status;
    }
  };

  it('accepts Cognito UUIDs and the local issuer subjects', () => {
    for (const sub of [
      '3f0c5e2a-9b1d-4c7e-8a65-0d2f4b6c8e10',
      'dev-owner-3f0c5e2a-9b1d-4c7e-8a65-0d2f4b6c8e10',
      'demo-owner-01',
    ]) {
      expect(callerFrom(eventWith({ sub }))?.sub).toBe(sub);
      expect(SUBJECT.test(sub)).toBe(true);
    }
  });

  it('refuses a subject with #, control or invisible characters, or too long, with 401', () => {
    for (const sub of [
      'a#b',
      'OWNER#x',
      'x'.repeat(3000),
      'x'.repeat(129),
      'a\nb',
      'a\u0000',
      '\u202Eabc',
      'a b',
      '-x',
      'é',
      '\uD800',
      7,
      ['a'],
    ]) {
      expect(
        status(() => callerFrom(eventWith({ sub }))),
        JSON.stringify(sub),
      ).toBe(401);
    }
  });

  it('answers 401 problem+json on /me and /me/data for a bad subject, never 500', async () => {
    for (const module of ['get-me', 'get-my-data']) {
      const { handler } = (await import(`../../functions/me/${module}.ts`)) as {
        handler: Parameters<typeof invoke>[0];
      };
      for (const sub of ['a#b', 'x'.repeat(3000)]) {
        const response = await invoke(handler, { path: '/me', claims: { sub, 'cognito:groups': '[]' } });
        expect(response.status).toBe(401);
        expect(response.headers['content-type']).toBe('application/problem+json');
      }
    }
  });
});
