import type { Caller } from '../shared/auth.ts';
import { newId } from '../shared/ids.ts';
import { HttpProblem, badRequest, bodyFieldError } from '../shared/problem.ts';
import { toFieldErrors } from '../shared/validation.ts';
import { classifySize, type SizeDecision } from './rules.ts';
import {
  BusinessFields,
  type BusinessFieldsInput,
  type RegisterBusinessInput,
  type UpdateBusinessInput,
} from './registration-schemas.ts';
import {
  appendHistory,
  importedBusinessId,
  type Business,
  type BusinessSource,
  type Certification,
  type OwnedBusiness,
} from './model.ts';

/* The changes an owner's registration and edits make to a business record. */

/** The size class, or a 422 naming the figure that puts the business above menengah. */
function sizeOf(fields: Pick<BusinessFieldsInput, 'capital' | 'annualSales' | 'yearStarted'>): SizeDecision {
  const size = classifySize(fields);
  if (size) return size;
  const rule = fields.yearStarted < 2021 ? 'annualSales' : 'capital';
  throw new HttpProblem(422, 'Above the menengah limits of PP 7/2021: this business is not a UMKM.', {
    type: 'not-umkm',
    errors: [
      bodyFieldError(
        rule,
        'above_menengah',
        rule === 'capital'
          ? 'Capital above Rp10.000.000.000 (excluding land and buildings) is above menengah.'
          : 'Annual sales above Rp50.000.000.000 are above menengah.',
      ),
    ],
  });
}

const claimed = (claims: BusinessFieldsInput['certifications']): Certification[] =>
  claims.map((claim) => ({ ...claim, id: newId(), status: 'claimed' }));

/** A new registration from the owner's validated input: pending, sized, with its consent recorded. */
export function newBusiness(input: RegisterBusinessInput, owner: Caller, now: string): OwnedBusiness {
  const { consent, certifications, ...fields } = input;
  return {
    ...fields,
    id: newId(),
    ownerSub: owner.sub,
    status: 'pending',
    size: sizeOf(fields),
    certifications: claimed(certifications),
    consent: { privacyNoticeVersion: consent.privacyNoticeVersion, acceptedAt: now },
    legalBasis: 'consent',
    history: [{ at: now, by: owner.sub, role: 'owner', action: 'registered' }],
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * A record from a row of an import, checked by the same rules as a registration (`fields` is the output of
 * `BusinessFields`; a row above menengah is a 422 HttpProblem naming the figure, like a registration).
 * No owner and no consent: the legal basis is the Dinas's public task, and the source names the row.
 * `importedBy` is the operator who started the import.
 */
export function newImportedBusiness(
  fields: BusinessFieldsInput,
  source: BusinessSource,
  importedBy: string,
  now: string,
): Business & { source: BusinessSource } {
  const { certifications, ...rest } = fields;
  return {
    ...rest,
    id: importedBusinessId(source),
    status: 'pending',
    size: sizeOf(rest),
    certifications: claimed(certifications),
    legalBasis: 'public-task',
    source,
    history: [{ at: now, by: importedBy, role: 'operator', action: 'imported' }],
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * Applies a PATCH (each field replaces the whole value) and checks the result as a whole. Certifications
 * sent again become new claims. An owner's edit of a decided record sends it back to the queue.
 */
export function patchedBusiness(
  before: Business,
  patch: UpdateBusinessInput,
  caller: Caller,
  now: string,
): Business {
  const changed = Object.keys(patch).filter(
    (field) => patch[field as keyof UpdateBusinessInput] !== undefined,
  );
  // Stored certifications carry ids and decisions; only newly sent claims are checked as input.
  const candidate = {
    ...pickFields(before),
    ...withoutUndefined(patch),
    certifications: patch.certifications ?? [],
  };
  const checked = BusinessFields.safeParse(candidate, { reportInput: true });
  if (!checked.success)
    throw badRequest('The changed record is not valid.', toFieldErrors('body', checked.error.issues));
  const isOwner = caller.sub === before.ownerSub;
  const resubmitted = isOwner && before.status !== 'pending';
  const { certifications: newClaims, ...fields } = checked.data;
  return {
    ...before,
    ...fields,
    size: sizeOf(fields),
    certifications: patch.certifications ? claimed(newClaims) : before.certifications,
    status: resubmitted ? 'pending' : before.status,
    history: appendHistory(before.history, {
      at: now,
      by: caller.sub,
      role: isOwner ? 'owner' : 'operator',
      action: resubmitted ? 'resubmitted' : 'edited',
      fields: changed,
    }),
    version: before.version + 1,
    updatedAt: now,
  };
}

const FIELD_NAMES = Object.keys(BusinessFields.def.shape) as (keyof BusinessFieldsInput)[];

function pickFields(business: Business): Record<string, unknown> {
  return Object.fromEntries(
    FIELD_NAMES.filter((name) => name in business).map((name) => [name, business[name as keyof Business]]),
  );
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}
