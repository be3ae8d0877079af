import type { Db } from '../../../db/database.js';

/** Locks the user's row for the length of the transaction. */
export async function lockUserForReset(db: Db, userId: string): Promise<void> {
  await db.selectFrom('users').select('id').where('id', '=', userId).forUpdate().executeTakeFirst();
}

export async function countRecentResetTokens(db: Db, userId: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('password_reset_tokens')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Ends the user's links not used yet: only the newest one works (also after a reset). */
export async function retireResetTokens(db: Db, userId: string, at: Date): Promise<void> {
  await db.updateTable('password_reset_tokens').set({ used_at: at }).where('user_id', '=', userId).where('used_at', 'is', null).execute();
}

export async function insertResetToken(db: Db, token: { userId: string; tokenHash: string; createdAt: Date; expiresAt: Date }): Promise<void> {
  await db
    .insertInto('password_reset_tokens')
    .values({ user_id: token.userId, token_hash: token.tokenHash, created_at: token.createdAt, expires_at: token.expiresAt })
    .execute();
}

/** The token with its user, row-locked so that two uses of one link cannot both pass. */
export async function findResetTokenForUpdate(db: Db, tokenHash: string) {
  return db
    .selectFrom('password_reset_tokens')
    .innerJoin('users', 'users.id', 'password_reset_tokens.user_id')
    .select(['password_reset_tokens.id', 'password_reset_tokens.expires_at', 'password_reset_tokens.used_at', 'users.id as user_id', 'users.email', 'users.anonymised_at'])
    .where('password_reset_tokens.token_hash', '=', tokenHash)
    .forUpdate('password_reset_tokens')
    .executeTakeFirst();
}

/** Marks the token used; false when another request used it first (guarded update). */
export async function markResetTokenUsed(db: Db, id: string, at: Date): Promise<boolean> {
  const result = await db.updateTable('password_reset_tokens').set({ used_at: at }).where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return result.numUpdatedRows === 1n;
}
