import { httpHandler } from '../shared/http.ts';
import { KECAMATAN } from './regions.ts';
import { listRegions } from './routes.ts';

/** Reference data changes by regulation, not by the hour: let browsers and CDNs keep it for a day. */
export const handler = httpHandler(listRegions, async () => ({
  body: { items: KECAMATAN },
  headers: { 'Cache-Control': 'public, max-age=86400' },
}));
