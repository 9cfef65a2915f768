import type { Caller } from '../shared/auth.ts';
import { badRequest, bodyFieldError } from '../shared/problem.ts';
import type { VerificationInput } from './schemas.ts';
import { appendHistory, type Business, type Certification, type HistoryEntry } from './model.ts';

/** An operator's decision on the registration and/or on claimed certifications, kept in the history. */
export function verifiedBusiness(
  before: Business,
  input: VerificationInput,
  operator: Caller,
  now: string,
): Business {
  const certifications = before.certifications.map((certification) => ({ ...certification }));
  const entries: HistoryEntry[] = [];
  const unknown = (input.certifications ?? []).filter(
    (decision) => !certifications.some((c) => c.id === decision.id),
  );
  if (unknown.length > 0) {
    throw badRequest(
      'Unknown certification.',
      unknown.map((decision) =>
        bodyFieldError(
          `certifications.${(input.certifications ?? []).indexOf(decision)}.id`,
          'unknown_certification',
          'This business has no certification with this id.',
        ),
      ),
    );
  }
  for (const decision of input.certifications ?? []) {
    const certification = certifications.find((c) => c.id === decision.id) as Certification;
    Object.assign(certification, {
      status: decision.decision,
      decidedBy: operator.sub,
      decidedAt: now,
      ...(decision.note ? { note: decision.note } : {}),
    });
    entries.push({
      at: now,
      by: operator.sub,
      role: 'operator',
      action: 'certification',
      certificationId: decision.id,
      decision: decision.decision,
      ...(decision.note ? { note: decision.note } : {}),
    });
  }
  if (input.decision) {
    entries.push({
      at: now,
      by: operator.sub,
      role: 'operator',
      action: 'decision',
      decision: input.decision,
      ...(input.note ? { note: input.note } : {}),
    });
  }
  return {
    ...before,
    status: input.decision ?? before.status,
    certifications,
    history: appendHistory(before.history, ...entries),
    version: before.version + 1,
    updatedAt: now,
  };
}
