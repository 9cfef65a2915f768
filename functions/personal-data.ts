import { auditPersonalData } from './audit/personal-data.ts';
import { businessesPersonalData } from './businesses/personal-data.ts';
import { claimsPersonalData } from './claims/personal-data.ts';
import type { PersonalDataRegistration } from './shared/personal-data.ts';
import { subscriptionsPersonalData } from './subscriptions/personal-data.ts';
import { surveysPersonalData } from './surveys/personal-data.ts';

/**
 * Every feature that holds personal data (UU PDP), beside the route manifest: `GET /me/data` exports
 * what each lists, `DELETE /businesses/{id}` erases what each holds about the business. A new feature
 * that holds personal data adds its registration here.
 */
export const PERSONAL_DATA: readonly PersonalDataRegistration[] = [
  businessesPersonalData,
  claimsPersonalData,
  subscriptionsPersonalData,
  surveysPersonalData,
  auditPersonalData,
];
