import type { SurveyCell } from '../shared/keys.ts';
import type { AnswersRecord } from './answers-store.ts';

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

/** A business's answers as its owner (and operators) see them. */
export function answersView(record: AnswersRecord) {
  const { ownerSub: _owner, kinds: _kinds, ...view } = record;
  return view;
}
