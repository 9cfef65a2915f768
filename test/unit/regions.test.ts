import { describe, expect, it } from 'vitest';
import { handler as getRegion } from '../../functions/regions/get-region.ts';
import { handler as listRegions } from '../../functions/regions/list-regions.ts';
import { kelurahanBelongsTo, kelurahanCodes } from '../../functions/regions/membership.ts';
import { KECAMATAN_NAMES } from '../../functions/regions/names.ts';
import { KECAMATAN, findKecamatan } from '../../functions/regions/regions.ts';
import { invoke } from '../helpers/invoke.ts';

const region = (code: string) =>
  invoke(getRegion, { path: `/regions/${code}`, routeKey: 'GET /regions/{code}', pathParameters: { code } });

describe('regions', () => {
  it('lists the 12 kecamatan and 56 kelurahan of Kota Bekasi', async () => {
    const response = await invoke(listRegions, { path: '/regions' });
    expect(response.status).toBe(200);
    const { items: kecamatan } = response.json() as { items: { code: string; kelurahan: unknown[] }[] };
    expect(kecamatan).toHaveLength(12);
    expect(kecamatan.flatMap((k) => k.kelurahan)).toHaveLength(56);
    expect(kecamatan[0]).toMatchObject({ code: '32.75.01', name: 'Bekasi Timur' });
    expect(response.headers['cache-control']).toContain('max-age');
  });

  it('answers one kecamatan with its kelurahan and postal codes', async () => {
    const response = await region('32.75.07');
    expect(response.status).toBe(200);
    const body = response.json();
    expect(body.name).toBe('Bantargebang');
    for (const kelurahan of body.kelurahan) {
      expect(kelurahan.code.startsWith('32.75.07.')).toBe(true);
      expect(kelurahan.postalCode).toMatch(/^\d{5}$/);
    }
  });

  it('answers 404 for a well-formed code that is not in Kota Bekasi', async () => {
    const response = await region('32.75.13');
    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toBe('application/problem+json');
  });

  it('answers 400 naming the code for a malformed one', async () => {
    for (const code of ['abc', '327501', '32.75.1', '32.74.01', "32.75.01' OR 1=1"]) {
      const response = await region(code);
      expect(response.status, code).toBe(400);
      expect(response.json().errors).toEqual([expect.objectContaining({ in: 'path', path: 'code' })]);
    }
  });

  it('checks addresses against exactly the kelurahan of the reference data', () => {
    const fromData = new Map(KECAMATAN.map((k) => [k.code, k.kelurahan.map((kelurahan) => kelurahan.code)]));
    expect(kelurahanCodes()).toEqual(fromData);
  });

  it('names the kecamatan in the pages as the regions data does', () => {
    expect(KECAMATAN_NAMES).toEqual(KECAMATAN.map((kecamatan) => [kecamatan.code, kecamatan.name]));
  });

  it('knows which kelurahan lie in which kecamatan', () => {
    expect(findKecamatan('32.75.01')?.kelurahan.map((k) => k.name)).toContain('Margahayu');
    expect(kelurahanBelongsTo('32.75.01.1002', '32.75.01')).toBe(true);
    expect(kelurahanBelongsTo('32.75.01.1002', '32.75.02')).toBe(false);
  });
});
