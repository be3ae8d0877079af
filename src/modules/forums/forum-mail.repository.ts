import type { Db } from '../../../db/database.js';

/** The programme a forum belongs to, named in its messages. */
export async function programmeNameOfForum(db: Db, forumId: string): Promise<string | null> {
  const row = await db
    .selectFrom('forums')
    .innerJoin('editions', 'editions.id', 'forums.edition_id')
    .innerJoin('programmes', 'programmes.id', 'editions.programme_id')
    .select('programmes.name')
    .where('forums.id', '=', forumId)
    .executeTakeFirst();
  return row?.name ?? null;
}

/** The candidates' addresses and first names. */
export function candidateAddresses(db: Db, candidateIds: readonly string[]) {
  if (candidateIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users as u')
    .leftJoin('candidate_profiles as p', 'p.user_id', 'u.id')
    .select(['u.id', 'u.email', 'p.first_name', 'u.full_name'])
    .where('u.id', 'in', [...candidateIds])
    .orderBy('u.id')
    .execute();
}

/** The members of the structures (accounts with the role `structure_member` and that structure). */
export function structureMembers(db: Db, structureIds: readonly string[]) {
  if (structureIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select(['id', 'email', 'full_name', 'structure_id'])
    .where('role', '=', 'structure_member')
    .where('structure_id', 'in', [...structureIds])
    .orderBy('id')
    .execute();
}

/** The forums held on `day` whose grid is computed and not yet over: the reminders' forums. */
export function scheduledForumsOn(db: Db, day: string) {
  return db
    .selectFrom('forums')
    .select('id')
    .where('held_on', '=', day)
    .where('status', '=', 'scheduled')
    .where((eb) => eb.exists(eb.selectFrom('forum_schedules').select('id').whereRef('forum_schedules.forum_id', '=', 'forums.id')))
    .orderBy('id')
    .execute();
}

/**
 * Records that the person's reminder of the forum is written; false when it already was (by
 * this run, an earlier one, or one running at the same time: the primary key waits for it).
 */
export async function claimForumReminder(db: Db, forumId: string, userId: string, at: Date): Promise<boolean> {
  const row = await db
    .insertInto('forum_reminders')
    .values({ forum_id: forumId, user_id: userId, created_at: at })
    .onConflict((oc) => oc.columns(['forum_id', 'user_id']).doNothing())
    .returning('user_id')
    .executeTakeFirst();
  return row !== undefined;
}
