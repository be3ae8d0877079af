import type { Db } from '../../db/database.js';

/** The console's sessions: rows of `sessions` with a cookie secret's hash (migration 2026-12-02T0600). */

export async function insertCookieSession(
  db: Db,
  session: { userId: string; tokenHash: string; createdAt: Date; expiresAt: Date; ip: string; userAgent: string | undefined },
): Promise<string> {
  const row = await db
    .insertInto('sessions')
    .values({
      user_id: session.userId,
      cookie_token_hash: session.tokenHash,
      created_at: session.createdAt,
      last_seen_at: session.createdAt,
      expires_at: session.expiresAt,
      ip: session.ip,
      user_agent: session.userAgent?.slice(0, 500) ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The session a cookie names, with what the pages need of its user (scope, name for the header). */
export async function findCookieSession(db: Db, tokenHash: string) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('structures', 'structures.id', 'users.structure_id')
    .select([
      'sessions.id as session_id',
      'sessions.revoked_at',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'users.id as user_id',
      'users.email',
      'users.full_name',
      'users.role',
      'users.operator_id',
      'users.structure_id',
      'structures.operator_id as structure_operator_id',
    ])
    .where('sessions.cookie_token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchCookieSession(db: Db, sessionId: string, at: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}
