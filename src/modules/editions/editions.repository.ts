import type { Db, EditionRow, EditionStatus } from '../../../db/database.js';
import type { Scope } from '../../lib/access.js';
import type { Position } from '../../lib/pagination.js';
import { createdAtText, createdBefore, existing } from '../../lib/sql.js';
import { visible } from '../../lib/visibility.js';

/** Editions with their operator. */
function editionsWithOperator(db: Db) {
  return db.selectFrom('editions').innerJoin('programmes', 'programmes.id', 'editions.programme_id').selectAll('editions').select('programmes.operator_id');
}

/** The editions the scope may see (visibility.ts). */
function scoped(db: Db, scope: Scope) {
  return editionsWithOperator(db).where(visible('editions', scope));
}

export async function findEdition(db: Db, id: string, scope: Scope, options: { forUpdate?: boolean } = {}) {
  const query = scoped(db, scope).where('editions.id', '=', id);
  return (options.forUpdate ? query.forUpdate('editions') : query).executeTakeFirst();
}

export type EditionWithOperator = NonNullable<Awaited<ReturnType<typeof findEdition>>>;

/** The edition, whoever may see it: for the platform's own reads of an edition that a row it read names, or that it locks. */
export async function loadEdition(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<EditionWithOperator> {
  const query = editionsWithOperator(db).where('editions.id', '=', id);
  return existing(await (options.forUpdate ? query.forUpdate('editions') : query).executeTakeFirst(), 'edition', id);
}

export async function findEditionByLabel(db: Db, programmeId: string, label: string): Promise<EditionRow | undefined> {
  return db
    .selectFrom('editions')
    .selectAll()
    .where('programme_id', '=', programmeId)
    .where((eb) => eb(eb.fn('lower', ['label']), '=', label.toLowerCase()))
    .executeTakeFirst();
}

export async function insertEdition(
  db: Db,
  values: { programmeId: string; label: string; startsOn: string; endsOn: string; plannedVolunteers: number; at: Date },
): Promise<EditionRow> {
  return db
    .insertInto('editions')
    .values({
      programme_id: values.programmeId,
      label: values.label,
      starts_on: values.startsOn,
      ends_on: values.endsOn,
      planned_volunteers: values.plannedVolunteers,
      created_at: values.at,
      updated_at: values.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateEdition(
  db: Db,
  id: string,
  changes: { label?: string | undefined; startsOn?: string | undefined; endsOn?: string | undefined; plannedVolunteers?: number | undefined; at: Date },
): Promise<EditionRow> {
  return db
    .updateTable('editions')
    // Kysely leaves out the undefined values: only the fields given change.
    .set({
      label: changes.label,
      starts_on: changes.startsOn,
      ends_on: changes.endsOn,
      planned_volunteers: changes.plannedVolunteers,
      updated_at: changes.at,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function existingEpciCodes(db: Db, codes: readonly string[]): Promise<Set<string>> {
  const rows = await db.selectFrom('epcis').select('code').where('code', 'in', [...codes]).execute();
  return new Set(rows.map((r) => r.code));
}

export async function replaceEditionTerritory(db: Db, editionId: string, codes: readonly string[]): Promise<void> {
  await db.deleteFrom('edition_epcis').where('edition_id', '=', editionId).execute();
  await db
    .insertInto('edition_epcis')
    .values([...new Set(codes)].map((code) => ({ edition_id: editionId, epci_code: code })))
    .execute();
}

export async function territoriesOf(db: Db, editionIds: readonly string[]) {
  if (editionIds.length === 0) return [];
  return db
    .selectFrom('edition_epcis')
    .innerJoin('epcis', 'epcis.code', 'edition_epcis.epci_code')
    .select(['edition_epcis.edition_id', 'epcis.code', 'epcis.name'])
    .where('edition_epcis.edition_id', 'in', [...editionIds])
    .orderBy('epcis.name')
    .execute();
}

export async function listEditions(
  db: Db,
  scope: Scope,
  filter: { programmeId: string; status?: EditionStatus | undefined; limit: number; after?: Position | undefined },
) {
  let query = scoped(db, scope).select(createdAtText('editions').as('cursor_at')).where('editions.programme_id', '=', filter.programmeId);
  if (filter.status) query = query.where('editions.status', '=', filter.status);
  if (filter.after) query = query.where(createdBefore('editions', filter.after));
  return query.orderBy('editions.created_at', 'desc').orderBy('editions.id', 'desc').limit(filter.limit + 1).execute();
}
