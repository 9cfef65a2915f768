import type { Caller } from '../shared/auth.ts';
import { conflict } from '../shared/problem.ts';
import { normaliseEmail } from '../shared/validation.ts';

/** The signed-in account's address, verified by Cognito; an account without one cannot subscribe. */
export function accountEmail(caller: Caller): string {
  if (!caller.email) throw conflict('The account has no verified email address.');
  return normaliseEmail(caller.email);
}
