import type { Db, NewUser, UserRow } from '../../../db/database.js';

export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Db, user: NewUser): Promise<UserRow> {
  return db.insertInto('users').values(user).returningAll().executeTakeFirstOrThrow();
}

export async function touchLastLogin(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('users').set({ last_login_at: at }).where('id', '=', id).execute();
}

export async function updatePasswordHash(db: Db, id: string, passwordHash: string, at: Date): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash, updated_at: at }).where('id', '=', id).execute();
}

export async function anyAdminExists(db: Db): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('role', '=', 'admin').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The user with the names of their operator and structure, for GET /me. */
export async function findUserProfile(db: Db, id: string) {
  return db
    .selectFrom('users')
    .leftJoin('structures', 'structures.id', 'users.structure_id')
    .leftJoin('operators', (join) =>
      join.on((eb) => eb('operators.id', '=', eb.fn.coalesce('users.operator_id', 'structures.operator_id'))),
    )
    .select([
      'users.id',
      'users.email',
      'users.role',
      'users.full_name',
      'users.created_at',
      'users.last_login_at',
      'operators.id as operator_id',
      'operators.name as operator_name',
      'structures.id as structure_id',
      'structures.name as structure_name',
    ])
    .where('users.id', '=', id)
    .executeTakeFirst();
}
