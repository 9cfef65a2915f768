import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { Access } from './route.ts';
import { forbidden, unauthorized } from './problem.ts';

/** Cognito group whose members are Dinas operators. */
export const OPERATORS_GROUP = 'operators';

export interface Caller {
  /** The account's stable id (the token's `sub`): owner of the records it creates. */
  sub: string;
  isOperator: boolean;
  /** The account's email address, only when the identity provider verified it (`email_verified`). */
  email?: string;
}

/**
 * What a token's subject may be. Cognito's subs are UUIDs; the local issuer's are `dev-<role>-<uuid>` or
 * a name such as `demo-owner-01`. A subject becomes a part of table keys (`OWNER#<sub>`), so `#`, control
 * characters, anything beyond ASCII letters, digits, `.`, `_`, `-`, and more than 128 characters are
 * refused at the boundary (401), before any handler composes a key from it.
 */
export const SUBJECT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

type Claims = Record<string, string | number | boolean | string[] | undefined>;

/**
 * API Gateway's JWT authorizer hands claims over as strings: a list claim such as `cognito:groups`
 * arrives as `[operators other]`. Accept that form and a real array alike.
 */
function groupsOf(claim: Claims[string]): string[] {
  if (Array.isArray(claim)) return claim;
  if (typeof claim !== 'string') return [];
  return claim
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
}

/** The caller as the JWT authorizer verified them, or undefined when no token was checked; 401 for a bad `sub`. */
export function callerFrom(event: APIGatewayProxyEventV2): Caller | undefined {
  const { authorizer } = event.requestContext as { authorizer?: { jwt?: { claims?: Claims } } };
  const claims = authorizer?.jwt?.claims;
  const sub = claims?.sub;
  if (sub === undefined || sub === '') return undefined;
  if (typeof sub !== 'string' || !SUBJECT.test(sub)) throw unauthorized('The token names no valid subject.');
  const email = claims?.email;
  const verified = claims?.email_verified === true || claims?.email_verified === 'true';
  return {
    sub,
    isOperator: groupsOf(claims?.['cognito:groups']).includes(OPERATORS_GROUP),
    ...(verified && typeof email === 'string' && email !== '' ? { email } : {}),
  };
}

/** The manifest's access column, enforced: 401 without a verified caller, 403 for the wrong role. */
export function authorize(access: Access, caller: Caller | undefined): void {
  if (access === 'public') return;
  if (!caller) throw unauthorized();
  if (access === 'operator' && !caller.isOperator) throw forbidden();
}
