import type { Db, OperatorRow } from '../../../db/database.js';
import type { Scope } from '../../lib/access.js';
import { createdAtText, createdBefore, escapeLike } from '../../lib/sql.js';
import { visible } from '../../lib/visibility.js';
import type { Position } from '../../lib/pagination.js';

export async function insertOperator(
  db: Db,
  values: { name: string; accreditationNumber: string | null; department: string | null; createdAt: Date },
): Promise<OperatorRow> {
  return db
    .insertInto('operators')
    .values({
      name: values.name,
      accreditation_number: values.accreditationNumber,
      department: values.department,
      created_at: values.createdAt,
      updated_at: values.createdAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateOperator(
  db: Db,
  id: string,
  changes: { name?: string | undefined; accreditationNumber?: string | null | undefined; department?: string | null | undefined; at: Date },
): Promise<OperatorRow> {
  return db
    .updateTable('operators')
    // Kysely leaves out the undefined values: only the fields given change.
    .set({
      name: changes.name,
      accreditation_number: changes.accreditationNumber,
      department: changes.department,
      updated_at: changes.at,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findOperatorByName(db: Db, name: string): Promise<OperatorRow | undefined> {
  return db
    .selectFrom('operators')
    .selectAll()
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
}

/** The operators the scope may see (visibility.ts). */
function scoped(db: Db, scope: Scope) {
  return db.selectFrom('operators').selectAll().where(visible('operators', scope));
}

export async function findOperator(db: Db, id: string, scope: Scope): Promise<OperatorRow | undefined> {
  return scoped(db, scope).where('id', '=', id).executeTakeFirst();
}

export async function listOperators(db: Db, scope: Scope, page: { limit: number; after?: Position | undefined; q?: string | undefined }) {
  let query = scoped(db, scope).select(createdAtText('operators').as('cursor_at'));
  if (page.q) query = query.where('name', 'ilike', `%${escapeLike(page.q)}%`);
  if (page.after) query = query.where(createdBefore('operators', page.after));
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(page.limit + 1).execute();
}
