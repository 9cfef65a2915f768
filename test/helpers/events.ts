import type { RequestBody } from './client.ts';

export type EventInput = RequestBody<'createEvent'>;

/**
 * A valid event body for POST /events, starting `daysFromNow` days ahead at 09:00 WIB, lasting 8 hours
 * (checked against the document's schema by the compiler; the result's type says if overrides still fit).
 */
export function eventInput(): EventInput;
export function eventInput<Overrides extends object>(
  overrides: Overrides,
  daysFromNow?: number,
): Omit<EventInput, keyof Overrides> & Overrides;
export function eventInput(overrides: object = {}, daysFromNow = 10) {
  const day = new Date(Date.now() + daysFromNow * 86_400_000).toISOString().slice(0, 10);
  const valid: EventInput = {
    title: 'Bazar UMKM Kuliner Bekasi',
    type: 'bazar',
    description: 'Bazar produk kuliner UMKM binaan Dinas Koperasi dan UKM Kota Bekasi.',
    start: `${day}T09:00:00+07:00`,
    end: `${day}T17:00:00+07:00`,
    venue: {
      name: 'Aula Kantor Kecamatan Bekasi Timur',
      address: 'Jl. Ir. H. Juanda No. 100, Bekasi Timur',
      kecamatan: '32.75.01',
    },
    organiser: 'Dinas Koperasi dan UKM Kota Bekasi',
    registration: { url: 'https://umkm.bekasikota.go.id/daftar', deadline: `${day}T08:00:00+07:00` },
    quota: 50,
    fee: 0,
    needs: ['pasar'],
    tags: ['kuliner'],
  };
  return { ...valid, ...overrides };
}
