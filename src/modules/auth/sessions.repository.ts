import type { Db, SessionRevocationReason } from '../../../db/database.js';

export async function insertSession(
  db: Db,
  session: { userId: string; expiresAt: Date; createdAt: Date; ip: string; userAgent: string | undefined; cookieTokenHash?: string },
): Promise<string> {
  const row = await db
    .insertInto('sessions')
    .values({
      user_id: session.userId,
      // A console session (cookie) carries its secret's hash and when it was last used; an API
      // session carries neither (its refresh tokens are rows of their own).
      ...(session.cookieTokenHash ? { cookie_token_hash: session.cookieTokenHash, last_seen_at: session.createdAt } : {}),
      created_at: session.createdAt,
      expires_at: session.expiresAt,
      ip: session.ip,
      user_agent: session.userAgent?.slice(0, 500) ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertRefreshToken(
  db: Db,
  token: { sessionId: string; tokenHash: string; createdAt: Date; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('refresh_tokens')
    .values({
      session_id: token.sessionId,
      token_hash: token.tokenHash,
      created_at: token.createdAt,
      expires_at: token.expiresAt,
    })
    .execute();
}

/** The refresh token with its session, row-locked so that two refreshes cannot both rotate it. */
export async function findRefreshTokenForUpdate(db: Db, tokenHash: string) {
  return db
    .selectFrom('refresh_tokens')
    .innerJoin('sessions', 'sessions.id', 'refresh_tokens.session_id')
    .select([
      'refresh_tokens.id',
      'refresh_tokens.session_id',
      'refresh_tokens.expires_at',
      'refresh_tokens.used_at',
      'sessions.user_id',
      'sessions.revoked_at as session_revoked_at',
      'sessions.expires_at as session_expires_at',
    ])
    .where('refresh_tokens.token_hash', '=', tokenHash)
    .forUpdate('refresh_tokens')
    .executeTakeFirst();
}

/** Marks the token used; false when another request used it first (guarded update). */
export async function markRefreshTokenUsed(db: Db, id: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('refresh_tokens')
    .set({ used_at: at })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

export async function revokeSession(db: Db, id: string, reason: SessionRevocationReason, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: at, revoked_reason: reason })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** Revokes the user's open sessions, but for `exceptSessionId` when given; returns how many. */
export async function revokeUserSessions(
  db: Db,
  userId: string,
  reason: SessionRevocationReason,
  at: Date,
  exceptSessionId?: string,
): Promise<number> {
  let query = db
    .updateTable('sessions')
    .set({ revoked_at: at, revoked_reason: reason })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (exceptSessionId) query = query.where('id', '<>', exceptSessionId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A session with its user: what authenticating a request needs (the session's state, the user's scope). */
function sessionWithActor(db: Db) {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('structures', 'structures.id', 'users.structure_id')
    .select([
      'sessions.revoked_at',
      'sessions.expires_at',
      'users.id as user_id',
      'users.role',
      'users.operator_id',
      'users.structure_id',
      'structures.operator_id as structure_operator_id',
    ]);
}

/** What authenticating an access token needs. */
export async function findSessionActor(db: Db, sessionId: string, userId: string) {
  return sessionWithActor(db).where('sessions.id', '=', sessionId).where('sessions.user_id', '=', userId).executeTakeFirst();
}

/** The console session a cookie names, with what the pages also need (its last use, the user's name for the header). */
export async function findCookieSession(db: Db, tokenHash: string) {
  return sessionWithActor(db)
    .select(['sessions.id as session_id', 'sessions.last_seen_at', 'users.email', 'users.full_name'])
    .where('sessions.cookie_token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchCookieSession(db: Db, sessionId: string, at: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id', '=', sessionId).where('revoked_at', 'is', null).execute();
}
