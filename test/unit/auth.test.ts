import { describe, expect, it } from 'vitest';
import { callerFrom } from '../../functions/shared/auth.ts';
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
