import { httpHandler } from '../shared/http.ts';
import { getMe } from './routes.ts';

/** Lets a frontend learn which screens to show: every account may own businesses; some also operate. */
export const handler = httpHandler(getMe, async ({ caller }) => ({
  body: { sub: caller.sub, roles: caller.isOperator ? ['owner', 'operator'] : ['owner'] },
  headers: { 'Cache-Control': 'private, no-store' },
}));
