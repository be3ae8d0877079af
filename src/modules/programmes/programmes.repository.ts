import type { Db, ProgrammeRow, Theme } from '../../../db/database.js';
import type { Scope } from '../../lib/access.js';
import type { Position } from '../../lib/pagination.js';
import { createdAtText, createdBefore, escapeLike, existing } from '../../lib/sql.js';
import { visible } from '../../lib/visibility.js';

/** The programmes the scope may see (visibility.ts). */
function scoped(db: Db, scope: Scope) {
  return db.selectFrom('programmes').selectAll().where(visible('programmes', scope));
}

export async function findProgramme(db: Db, id: string, scope: Scope): Promise<ProgrammeRow | undefined> {
  return scoped(db, scope).where('id', '=', id).executeTakeFirst();
}

/** The programme, whoever may see it: for the platform's own reads of a programme that a row it read names. */
export async function loadProgramme(db: Db, id: string): Promise<ProgrammeRow> {
  return existing(await db.selectFrom('programmes').selectAll().where('id', '=', id).executeTakeFirst(), 'programme', id);
}

export async function findProgrammeByName(db: Db, operatorId: string, name: string): Promise<ProgrammeRow | undefined> {
  return db
    .selectFrom('programmes')
    .selectAll()
    .where('operator_id', '=', operatorId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
}

export async function insertProgramme(
  db: Db,
  values: { operatorId: string; name: string; description: string; theme: Theme; funders: string[]; at: Date },
): Promise<ProgrammeRow> {
  return db
    .insertInto('programmes')
    .values({
      operator_id: values.operatorId,
      name: values.name,
      description: values.description,
      theme: values.theme,
      funders: values.funders,
      created_at: values.at,
      updated_at: values.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function updateProgramme(
  db: Db,
  id: string,
  changes: { name?: string | undefined; description?: string | undefined; theme?: Theme | undefined; funders?: string[] | undefined; at: Date },
): Promise<ProgrammeRow> {
  return db
    .updateTable('programmes')
    // Kysely leaves out the undefined values: only the fields given change.
    .set({
      name: changes.name,
      description: changes.description,
      theme: changes.theme,
      funders: changes.funders,
      updated_at: changes.at,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function listProgrammes(
  db: Db,
  scope: Scope,
  filter: { limit: number; after?: Position | undefined; q?: string | undefined; theme?: Theme | undefined; operatorId?: string | undefined },
) {
  let query = scoped(db, scope).select(createdAtText('programmes').as('cursor_at'));
  if (filter.q) query = query.where('name', 'ilike', `%${escapeLike(filter.q)}%`);
  if (filter.theme) query = query.where('theme', '=', filter.theme);
  if (filter.operatorId) query = query.where('operator_id', '=', filter.operatorId);
  if (filter.after) query = query.where(createdBefore('programmes', filter.after));
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit + 1).execute();
}
