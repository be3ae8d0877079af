import type { Db } from '../../../db/database.js';

/** Reads of the admin's pages that no service offers (see the final report): the coordinators' accounts. */
export async function listCoordinators(db: Db, limit: number) {
  return db
    .selectFrom('users')
    .leftJoin('operators', 'operators.id', 'users.operator_id')
    .select(['users.id', 'users.email', 'users.full_name', 'users.created_at', 'users.last_login_at', 'operators.name as operator_name'])
    .where('users.role', '=', 'coordinator')
    .where('users.anonymised_at', 'is', null)
    .orderBy('operators.name')
    .orderBy('users.email')
    .limit(limit)
    .execute();
}
