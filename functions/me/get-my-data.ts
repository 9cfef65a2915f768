import { PERSONAL_DATA } from '../personal-data.ts';
import { httpHandler } from '../shared/http.ts';
import { exportPersonalData } from '../shared/personal-data.ts';
import { getMyData } from './routes.ts';

/** UU PDP right of access: every record held about the caller, unmasked (it is theirs). */
export const handler = httpHandler(getMyData, async ({ caller }) => ({
  body: {
    subject: caller.sub,
    generatedAt: new Date().toISOString(),
    ...(await exportPersonalData(PERSONAL_DATA, { sub: caller.sub, email: caller.email })),
  },
  headers: { 'Cache-Control': 'private, no-store' },
}));
