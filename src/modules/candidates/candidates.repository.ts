import type { CandidateProfilesTable, Db } from '../../../db/database.js';
import type { Insertable } from 'kysely';

/** The profile with the account's e-mail and the commune's name. */
export function findProfile(db: Db, userId: string) {
  return db
    .selectFrom('candidate_profiles as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .innerJoin('communes as c', 'c.code', 'p.commune_code')
    .selectAll('p')
    .select(['u.email', 'c.name as commune_name'])
    .where('p.user_id', '=', userId)
    .executeTakeFirst();
}
export type ProfileRow = NonNullable<Awaited<ReturnType<typeof findProfile>>>;

/**
 * Locks the candidate's profile row until the transaction ends: a candidate's applications and
 * acceptances are decided one at a time (quota, one accepted offer), whatever the concurrency.
 */
export async function lockProfile(db: Db, userId: string): Promise<boolean> {
  const row = await db.selectFrom('candidate_profiles').select('user_id').where('user_id', '=', userId).forUpdate().executeTakeFirst();
  return row !== undefined;
}

export async function upsertProfile(db: Db, values: Insertable<CandidateProfilesTable>, at: Date): Promise<void> {
  const { user_id: _, created_at: __, ...changes } = values;
  await db
    .insertInto('candidate_profiles')
    .values({ ...values, created_at: at, updated_at: at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ ...changes, updated_at: at, version: (eb) => eb('candidate_profiles.version', '+', 1) }))
    .execute();
}

export function findDisability(db: Db, userId: string) {
  return db.selectFrom('candidate_disabilities').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function saveDisability(db: Db, userId: string, recognised: boolean, at: Date): Promise<void> {
  await db
    .insertInto('candidate_disabilities')
    .values({ user_id: userId, recognised, consent_at: at, updated_at: at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ recognised, consent_at: at, updated_at: at }))
    .execute();
}

export async function deleteDisability(db: Db, userId: string): Promise<boolean> {
  const result = await db.deleteFrom('candidate_disabilities').where('user_id', '=', userId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
