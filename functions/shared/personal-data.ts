import { TransactionCancelled, type TransactItem } from './dynamo.ts';

/*
 * UU PDP: what each feature holds about a person, and how it gives it back (right of access, `GET
 * /me/data`) and lets it go (erasure, `DELETE /businesses/{id}`). A feature that holds personal data
 * declares it once, in its `personal-data.ts`, and is listed in `functions/personal-data.ts`; the
 * handlers read that list, so no feature imports another for it.
 */

/** The person asking: their account, and the address Cognito verified for it (when there is one). */
export interface DataSubject {
  sub: string;
  email?: string | undefined;
}

/** A business being erased, as the features holding data about it need to know it. */
export interface ErasedBusiness {
  id: string;
  ownerSub: string;
}

export interface PersonalDataRegistration {
  /** The feature, and in a few words what personal data it holds (for the records of processing). */
  feature: string;
  holds: string;
  /** The fields of the caller's export this feature fills, each read for the subject. */
  export: Record<string, (subject: DataSubject) => Promise<unknown>>;
  /** What the feature holds about a business, to erase with it; absent when it holds nothing. */
  business?: {
    /** Erased before the business record, in the feature's own transactions. */
    eraseFirst?: (business: ErasedBusiness) => Promise<void>;
    /** Writes that go in the business record's own erasure transaction, read afresh on each attempt. */
    eraseWithRecord?: (business: ErasedBusiness) => Promise<TransactItem[]>;
  };
}

/** Names a registration's type-checked shape at its declaration. */
export const registerPersonalData = (registration: PersonalDataRegistration) => registration;

/** Everything the registered features hold about the subject, one field per export entry. */
export async function exportPersonalData(
  registry: readonly PersonalDataRegistration[],
  subject: DataSubject,
): Promise<Record<string, unknown>> {
  const fields = registry.flatMap((registration) => Object.entries(registration.export));
  const values = await Promise.all(fields.map(([, read]) => read(subject)));
  return Object.fromEntries(fields.map(([name], index) => [name, values[index]]));
}

const ERASE_ATTEMPTS = 3;

/**
 * Erases what every registered feature holds about a business, then the record itself through
 * `eraseRecord` (the businesses feature's transaction) with the other features' writes in it. A
 * cancelled transaction (a feature's data changed meanwhile) is read again and retried.
 */
export async function eraseBusinessData(
  registry: readonly PersonalDataRegistration[],
  business: ErasedBusiness,
  eraseRecord: (withRecord: TransactItem[]) => Promise<void>,
): Promise<void> {
  for (const registration of registry) await registration.business?.eraseFirst?.(business);
  for (let attempt = 1; ; attempt++) {
    const withRecord = await Promise.all(
      registry.map(async (registration) => (await registration.business?.eraseWithRecord?.(business)) ?? []),
    );
    try {
      await eraseRecord(withRecord.flat());
      return;
    } catch (error) {
      if (!(error instanceof TransactionCancelled) || attempt >= ERASE_ATTEMPTS) throw error;
    }
  }
}
