import type { Db, StructureRow } from '../../../db/database.js';
import type { Scope } from '../../lib/access.js';
import type { Position } from '../../lib/pagination.js';
import { createdAtText, createdBefore, escapeLike, nothing } from '../../lib/sql.js';

export async function insertStructure(db: Db, values: { operatorId: string; name: string; createdAt: Date }): Promise<StructureRow> {
  return db
    .insertInto('structures')
    .values({ operator_id: values.operatorId, name: values.name, created_at: values.createdAt, updated_at: values.createdAt })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findStructureByName(db: Db, operatorId: string, name: string): Promise<StructureRow | undefined> {
  return db
    .selectFrom('structures')
    .selectAll()
    .where('operator_id', '=', operatorId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
}

/** The structures the scope may see: an operator's, or a member's own. */
function scoped(db: Db, scope: Scope) {
  const query = db.selectFrom('structures').selectAll();
  switch (scope.kind) {
    case 'all':
      return query;
    case 'operator':
      return query.where('structures.operator_id', '=', scope.operatorId);
    case 'structure':
      return query.where('structures.id', '=', scope.structureId);
    case 'self':
      return query.where(nothing);
  }
}

export async function findStructure(db: Db, id: string, scope: Scope): Promise<StructureRow | undefined> {
  return scoped(db, scope).where('id', '=', id).executeTakeFirst();
}

export async function listStructures(
  db: Db,
  scope: Scope,
  filter: { limit: number; after?: Position | undefined; q?: string | undefined; operatorId?: string | undefined },
) {
  let query = scoped(db, scope).select(createdAtText('structures').as('cursor_at'));
  if (filter.operatorId) query = query.where('operator_id', '=', filter.operatorId);
  if (filter.q) query = query.where('name', 'ilike', `%${escapeLike(filter.q)}%`);
  if (filter.after) query = query.where(createdBefore('structures', filter.after));
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit + 1).execute();
}
