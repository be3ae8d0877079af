import type { Db } from '../../../db/database.js';
import type { Scope } from '../../lib/access.js';
import { existing } from '../../lib/sql.js';
import { visible } from '../../lib/visibility.js';

/** Partnerships with both structures' names and the edition's operator. */
function partnershipsWithNames(db: Db) {
  return db
    .selectFrom('partnerships')
    .innerJoin('editions', 'editions.id', 'partnerships.edition_id')
    .innerJoin('programmes', 'programmes.id', 'editions.programme_id')
    .innerJoin('structures as proximity', 'proximity.id', 'partnerships.proximity_structure_id')
    .innerJoin('structures as first_circle', 'first_circle.id', 'partnerships.first_circle_structure_id')
    .select([
      'partnerships.id',
      'partnerships.edition_id',
      'partnerships.created_at',
      'programmes.operator_id',
      'proximity.id as proximity_id',
      'proximity.name as proximity_name',
      'first_circle.id as first_circle_id',
      'first_circle.name as first_circle_name',
    ]);
}

/** The partnerships the scope may see (visibility.ts). */
function scoped(db: Db, scope: Scope) {
  return partnershipsWithNames(db).where(visible('partnerships', scope));
}

export type PartnershipRow = NonNullable<Awaited<ReturnType<typeof findPartnership>>>;

export async function findPartnership(db: Db, id: string, scope: Scope) {
  return scoped(db, scope).where('partnerships.id', '=', id).executeTakeFirst();
}

/** The partnership, whoever may see it: for the platform's own reads of a partnership it has just written. */
export async function loadPartnership(db: Db, id: string): Promise<PartnershipRow> {
  return existing(await partnershipsWithNames(db).where('partnerships.id', '=', id).executeTakeFirst(), 'partnership', id);
}

export async function listPartnerships(db: Db, editionId: string, scope: Scope) {
  return scoped(db, scope).where('partnerships.edition_id', '=', editionId).orderBy('proximity.name').orderBy('partnerships.id').execute();
}

export async function findProximityPartnership(db: Db, editionId: string, proximityId: string) {
  return db
    .selectFrom('partnerships')
    .select(['id', 'first_circle_structure_id'])
    .where('edition_id', '=', editionId)
    .where('proximity_structure_id', '=', proximityId)
    .executeTakeFirst();
}

export async function insertPartnership(db: Db, values: { editionId: string; proximityId: string; firstCircleId: string; at: Date }): Promise<string> {
  const row = await db
    .insertInto('partnerships')
    .values({
      edition_id: values.editionId,
      proximity_structure_id: values.proximityId,
      first_circle_structure_id: values.firstCircleId,
      created_at: values.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function deletePartnership(db: Db, id: string): Promise<void> {
  await db.deleteFrom('partnerships').where('id', '=', id).execute();
}
