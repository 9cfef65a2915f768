import { registerPersonalData } from '../shared/personal-data.ts';
import { listOwnerBusinesses } from './store.ts';
import { businessView } from './views.ts';

/** The business record is the owner's: the handler erases it, with every other feature's writes. */
export const businessesPersonalData = registerPersonalData({
  feature: 'businesses',
  holds: 'owner identity (NIK, name, birth date), contacts, address, money figures of each business',
  export: {
    businesses: async ({ sub }) => (await listOwnerBusinesses(sub)).map(businessView),
  },
});
