import * as z from 'zod/mini';
import { defineRoute } from '../shared/route.ts';
import { KECAMATAN_CODE } from './codes.ts';

const Kelurahan = z.object({
  code: z.string().check(z.regex(/^32\.75\.\d{2}\.\d{4}$/)),
  name: z.string(),
  postalCode: z.string().check(z.regex(/^\d{5}$/)),
});

const Kecamatan = z.object({
  code: z.string().check(z.regex(KECAMATAN_CODE)),
  name: z.string(),
  kelurahan: z.array(Kelurahan),
});

export const listRegions = defineRoute({
  id: 'listRegions',
  method: 'GET',
  path: '/regions',
  handler: 'regions/list-regions.ts',
  access: 'public',
  tag: 'Regions',
  summary: 'The 12 kecamatan of Kota Bekasi with their kelurahan, official codes and postal codes',
  request: {},
  response: {
    status: 200,
    description: 'All kecamatan, in official code order',
    schema: z.object({ items: z.array(Kecamatan) }),
  },
});

export const getRegion = defineRoute({
  id: 'getRegion',
  method: 'GET',
  path: '/regions/{code}',
  handler: 'regions/get-region.ts',
  access: 'public',
  tag: 'Regions',
  summary: 'One kecamatan with its kelurahan',
  request: {
    path: z.strictObject({
      code: z
        .string()
        .check(z.regex(KECAMATAN_CODE, { error: 'Must be a Kota Bekasi kecamatan code like 32.75.01.' })),
    }),
  },
  response: { status: 200, description: 'The kecamatan', schema: Kecamatan },
  errors: [404],
});
