import { claimBusiness } from '../businesses/store.ts';
import { nikGuardOf } from '../businesses/identity.ts';
import { businessView } from '../businesses/views.ts';
import { importReference, legalBasisOf, type Business } from '../businesses/model.ts';
import type { TransactItem } from '../shared/dynamo.ts';
import { HttpProblem, bodyFieldError } from '../shared/problem.ts';
import { answersJoinOwner } from '../surveys/answers-store.ts';
import { targetOf } from './codes.ts';

/* What the claim routes share: what a claim names, whether a record matches it, and taking ownership. */

export type Named = { nib: string } | { reference: string };

export const namedBy = (input: { nib?: string | undefined; reference?: string | undefined }): Named =>
  input.nib !== undefined ? { nib: input.nib } : { reference: input.reference ?? '' };

export { targetOf };

/**
 * Whether a record is one the caller may claim with these details: on file, nobody's yet, and the owner
 * NIK on it is the one given. Every mismatch is the same `false`.
 */
export const claimable = (business: Business | undefined, nik: string): business is Business =>
  business !== undefined && business.ownerSub === undefined && business.owner.nik === nik;

/** One answer for a wrong code and for details that match nothing: which one it was stays unsaid. */
export const codeRefused = (attemptsLeft?: number) =>
  new HttpProblem(422, 'The code does not match these details, or it is no longer valid.', {
    type: 'claim-code-refused',
    errors: [
      bodyFieldError(
        'code',
        'code_refused',
        attemptsLeft === undefined
          ? 'Check the code and the details, or ask the Dinas for a new letter.'
          : `Check the code; ${attemptsLeft} tries left on this claim.`,
      ),
    ],
  });

/**
 * What the owner is told when the record becomes theirs (UU PDP): on what basis the Dinas holds it and
 * where it came from, in Bahasa Indonesia first.
 */
export function claimNotice(business: Business) {
  const source = business.source;
  const basis = legalBasisOf(business);
  const from = source
    ? {
        id: `data impor Dinas${source.label ? ` "${source.label}"` : ''}, baris ${source.row} (referensi ${importReference(source)})`,
        en: `a Dinas import${source.label ? ` "${source.label}"` : ''}, row ${source.row} (reference ${importReference(source)})`,
      }
    : { id: 'pendaftaran oleh pemilik', en: 'registration by the owner' };
  return {
    legalBasis: basis,
    source: source ?? null,
    text: {
      id:
        basis === 'public-task'
          ? `Data usaha ini dihimpun Dinas Koperasi dan UKM Kota Bekasi dalam pelaksanaan tugas pelayanan publik (UU 27/2022 Pasal 20 ayat (2) huruf e), berasal dari ${from.id}. Sebagai pemilik, Anda dapat melihat, memperbaiki, mengunduh dan menghapus data ini.`
          : `Data usaha ini diproses atas persetujuan Anda, berasal dari ${from.id}.`,
      en:
        basis === 'public-task'
          ? `The Dinas Koperasi dan UKM of Kota Bekasi holds this business record for its public task (UU 27/2022 Art. 20(2)(e)); it comes from ${from.en}. As its owner you may see, correct, export and erase it.`
          : `This business record is processed with your consent; it comes from ${from.en}.`,
    },
  };
}

/**
 * Makes the caller the owner, with `used` (the claim or letter spent) and the answers given before in the
 * same transaction, and answers with the record and the notice.
 */
export async function takeOwnership(business: Business, ownerSub: string, used: TransactItem) {
  const now = new Date().toISOString();
  const owned = await claimBusiness(business, ownerSub, now, nikGuardOf(business.owner.nik), [
    used,
    ...(await answersJoinOwner(business.id, ownerSub)),
  ]);
  return { business: businessView(owned), notice: claimNotice(owned) };
}
