import type { SurveyCell } from '../shared/keys.ts';
import type { SurveyResponse } from './responses-store.ts';

/** The counter cell a business's answers count in: where it is, its sector and size class. */
export const cellOf = (business: {
  address: { kecamatan: string };
  sector: string;
  size: { class: string };
}): SurveyCell => ({
  kecamatan: business.address.kecamatan,
  sector: business.sector,
  sizeClass: business.size.class,
});

/** A response as its owner (and operators) see it. */
export function responseView(response: SurveyResponse) {
  const { ownerSub: _owner, kinds: _kinds, ...view } = response;
  return view;
}
