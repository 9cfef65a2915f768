import { registerPersonalData } from '../shared/personal-data.ts';
import { personalDataAccessOf } from './store.ts';

/** Kept under the person, not the business, so that it outlives an erased business (UU PDP logging). */
export const auditPersonalData = registerPersonalData({
  feature: 'audit',
  holds: 'which operator read whose personal data, and when',
  export: {
    personalDataAccess: ({ sub }) => personalDataAccessOf(sub),
  },
});
