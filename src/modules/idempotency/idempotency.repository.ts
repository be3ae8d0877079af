import type { Db } from '../../../db/database.js';

export interface KeyId {
  userId: string;
  scope: string;
  key: string;
}

/**
 * Claims the key for this request; false when it is already taken. On PostgreSQL a concurrent
 * request with the same key waits here until the first one's transaction ends (the primary
 * key), then sees its answer.
 */
export async function claimKey(db: Db, id: KeyId, requestHash: string, at: Date): Promise<boolean> {
  const rows = await db
    .insertInto('idempotency_keys')
    .values({ user_id: id.userId, scope: id.scope, key: id.key, request_hash: requestHash, created_at: at })
    .onConflict((oc) => oc.columns(['user_id', 'scope', 'key']).doNothing())
    .returning('key')
    .execute();
  return rows.length === 1;
}

export function findKey(db: Db, id: KeyId) {
  return db
    .selectFrom('idempotency_keys')
    .select(['request_hash', 'status_code', 'response', 'created_at'])
    .where('user_id', '=', id.userId)
    .where('scope', '=', id.scope)
    .where('key', '=', id.key)
    .executeTakeFirst();
}

export async function storeAnswer(db: Db, id: KeyId, statusCode: number, response: unknown): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ status_code: statusCode, response: JSON.stringify(response) })
    .where('user_id', '=', id.userId)
    .where('scope', '=', id.scope)
    .where('key', '=', id.key)
    .execute();
}

/** Forgets the keys older than `before` (the retention job). */
export async function deleteKeysBefore(db: Db, before: Date): Promise<number> {
  const result = await db.deleteFrom('idempotency_keys').where('created_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Replaces a key's stale claim (older than the replay window) by a fresh one. */
export async function reclaimKey(db: Db, id: KeyId, requestHash: string, at: Date): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ request_hash: requestHash, status_code: null, response: null, created_at: at })
    .where('user_id', '=', id.userId)
    .where('scope', '=', id.scope)
    .where('key', '=', id.key)
    .execute();
}
