import { httpHandler } from '../shared/http.ts';
import { notFound } from '../shared/problem.ts';
import { findKecamatan } from './regions.ts';
import { getRegion } from './routes.ts';

export const handler = httpHandler(getRegion, async ({ path }) => {
  const kecamatan = findKecamatan(path.code);
  if (!kecamatan) throw notFound(`Kota Bekasi has no kecamatan ${path.code}.`);
  return { body: kecamatan, headers: { 'Cache-Control': 'public, max-age=86400' } };
});
