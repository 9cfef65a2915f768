import { newBusiness, newImportedBusiness } from '../functions/businesses/changes.ts';
import type { Business } from '../functions/businesses/model.ts';
import { BusinessFields, RegisterBusiness } from '../functions/businesses/registration-schemas.ts';
import { verifiedBusiness } from '../functions/businesses/verification.ts';
import { KECAMATAN } from '../functions/regions/regions.ts';
import { nikFor, registration } from '../test/helpers/businesses.ts';

const FIRST = ['Siti', 'Budi', 'Dewi', 'Agus', 'Rina', 'Eko', 'Sri', 'Joko', 'Wati', 'Andi', 'Yuni'];
const LAST = ['Rahayu', 'Santoso', 'Lestari', 'Wijaya', 'Hidayat', 'Kusuma', 'Putri', 'Saputra'];
const GOODS = ['Keripik', 'Batik', 'Kopi', 'Sambal', 'Rajutan', 'Kue', 'Tas', 'Madu', 'Jamu', 'Sepatu'];
/** The import the imported records come from (a fixed ULID), and the operator who ran it. */
const IMPORT_ID = '01JBENCHEXP0RT00000000000Q';
const OPERATOR = { sub: 'bench-operator', isOperator: true };

/**
 * The `n`th business of the export bench, built by the product's own record builders from a valid body:
 * four in five imported (`newImportedBusiness`: no owner, public task, the source row), one in five
 * registered by its owner (`newBusiness`), every other one of those verified. Spread over every kelurahan
 * of the city; names, NIB and NIK differ from business to business (NIB and NIK unique up to 10^9 / 10^4
 * per birth date and gender, which the export does not check).
 */
export function benchBusiness(n: number): Business {
  const kecamatan = KECAMATAN[n % KECAMATAN.length] ?? KECAMATAN[0]!;
  const kelurahan = kecamatan.kelurahan[Math.floor(n / KECAMATAN.length) % kecamatan.kelurahan.length]!;
  const gender = n % 2 === 0 ? 'female' : 'male';
  const dateOfBirth = `19${60 + (n % 40)}-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
  const fullName = `${FIRST[n % FIRST.length]} ${LAST[Math.floor(n / FIRST.length) % LAST.length]}`;
  const base = registration();
  const body = registration({
    name: `${GOODS[n % GOODS.length]} ${fullName.split(' ')[0]} ${n}`,
    nib: String(7_000_000_000_000 + n),
    owner: {
      ...base.owner,
      fullName,
      gender,
      dateOfBirth,
      nik: nikFor(dateOfBirth, gender, 1 + (Math.floor(n / 480) % 9999)),
      mobile: `0812${String(n).padStart(8, '0')}`,
      email: `pemilik${n}@example.com`,
      address: { ...base.owner.address, kelurahan: kelurahan.code },
    },
    address: {
      kecamatan: kecamatan.code,
      kelurahan: kelurahan.code,
      rt: String(1 + (n % 20)).padStart(3, '0'),
      rw: String(1 + (n % 12)).padStart(3, '0'),
      street: `Jl. Melati No. ${1 + (n % 200)}`,
    },
  });
  const now = new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString();
  if (n % 5 !== 4) {
    const { consent: _consent, ...fields } = body;
    return newImportedBusiness(
      BusinessFields.parse(fields),
      { kind: 'import', importId: IMPORT_ID, row: n + 2, label: 'Pendataan 2024' },
      OPERATOR.sub,
      now,
    );
  }
  const registered = newBusiness(
    RegisterBusiness.parse(body),
    { sub: `bench-owner-${n}`, isOperator: false },
    now,
  );
  return n % 10 === 9
    ? verifiedBusiness(registered, { decision: 'verified', note: 'Data sesuai.' }, OPERATOR, now)
    : registered;
}
