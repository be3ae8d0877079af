import type { Db } from '../../../db/database.js';

/** What « Mon planning » reads beside the services: the forums a candidate is invited to (a structure takes part in), and the calendar links (migration 2026-12-02T0800). */

/** The forums the candidate takes part in (invited), with the venue's commune, the soonest first. */
export function listCandidateForums(db: Db, candidateId: string) {
  return db
    .selectFrom('forum_candidates as fc')
    .innerJoin('forums as f', 'f.id', 'fc.forum_id')
    .innerJoin('communes as c', 'c.code', 'f.commune_code')
    .select(['f.id', 'f.title', 'f.venue', 'f.address', 'f.held_on', 'f.starts_at', 'f.ends_at', 'f.status', 'c.name as commune_name', 'c.postal_codes', 'fc.arrives_at', 'fc.leaves_at'])
    .where('fc.candidate_id', '=', candidateId)
    .orderBy('f.held_on')
    .orderBy('f.starts_at')
    .orderBy('f.id')
    .execute();
}
export type CandidateForumRow = Awaited<ReturnType<typeof listCandidateForums>>[number];

export function findCalendarFeed(db: Db, userId: string) {
  return db.selectFrom('calendar_feeds').select(['created_at', 'token_hash']).where('user_id', '=', userId).executeTakeFirst();
}

/** The forums a structure takes part in, as listCandidateForums gives a candidate's (a member's subscription). */
export function listStructureForums(db: Db, structureId: string) {
  return db
    .selectFrom('forum_structures as fs')
    .innerJoin('forums as f', 'f.id', 'fs.forum_id')
    .innerJoin('communes as c', 'c.code', 'f.commune_code')
    .select(['f.id', 'f.title', 'f.venue', 'f.address', 'f.held_on', 'c.name as commune_name', 'c.postal_codes'])
    .where('fs.structure_id', '=', structureId)
    .orderBy('f.held_on')
    .orderBy('f.starts_at')
    .orderBy('f.id')
    .execute();
}

/** The person a link's hash names, while their account is live, with what their agenda needs (a member's structure). */
export function findCalendarFeedOwner(db: Db, tokenHash: string) {
  return db
    .selectFrom('calendar_feeds as cf')
    .innerJoin('users as u', 'u.id', 'cf.user_id')
    .leftJoin('structures as s', 's.id', 'u.structure_id')
    .select(['u.id', 'u.role', 'u.operator_id', 'u.structure_id', 's.name as structure_name', 's.operator_id as structure_operator_id'])
    .where('cf.token_hash', '=', tokenHash)
    .where('u.anonymised_at', 'is', null)
    .executeTakeFirst();
}

/** The person's link, new or replacing the one they had (which then names nobody). */
export async function saveCalendarFeed(db: Db, userId: string, tokenHash: string, at: Date): Promise<void> {
  await db
    .insertInto('calendar_feeds')
    .values({ user_id: userId, token_hash: tokenHash, created_at: at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ token_hash: tokenHash, created_at: at }))
    .execute();
}

/** The person's link names nobody any more. */
export async function deleteCalendarFeed(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('calendar_feeds').where('user_id', '=', userId).execute();
}
