import { newImportedBusiness } from '../../functions/businesses/changes.ts';
import { BusinessFields } from '../../functions/businesses/registration-schemas.ts';
import { newId } from '../../functions/shared/ids.ts';
import { registration } from './businesses.ts';

/** An imported record (no owner, public task, source row) from registration-shaped `overrides`. */
export function importedBusiness(
  overrides: Record<string, unknown> = {},
  source: { importId?: string; row?: number; label?: string } = {},
) {
  const { consent: _consent, ...body } = registration(overrides);
  const fields = BusinessFields.parse(body);
  return newImportedBusiness(
    fields,
    {
      kind: 'import',
      importId: source.importId ?? newId(),
      row: source.row ?? 2,
      label: source.label ?? 'Pendataan 2023',
    },
    'operator-import',
    new Date().toISOString(),
  );
}
