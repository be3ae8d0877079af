import { type RawBuilder, sql } from 'kysely';
import type { Db, ForumBreak, RequestSide } from '../../../db/database.js';
import type { Scope } from '../../lib/access.js';
import type { Position } from '../../lib/pagination.js';
import { createdAtText, createdBefore, escapeLike, existing } from '../../lib/sql.js';
import { visible } from '../../lib/visibility.js';

/** Forums with their operator and commune. */
function forumsWithNames(db: Db) {
  return db
    .selectFrom('forums')
    .innerJoin('editions', 'editions.id', 'forums.edition_id')
    .innerJoin('programmes', 'programmes.id', 'editions.programme_id')
    .innerJoin('communes', 'communes.code', 'forums.commune_code')
    .selectAll('forums')
    .select(['programmes.operator_id', 'communes.name as commune_name', 'communes.postal_codes']);
}

/** The forums the scope may see (visibility.ts). */
function scoped(db: Db, scope: Scope) {
  return forumsWithNames(db).where(visible('forums', scope));
}

export function findForum(db: Db, id: string, scope: Scope, options: { forUpdate?: boolean } = {}) {
  const query = scoped(db, scope).where('forums.id', '=', id);
  return (options.forUpdate ? query.forUpdate('forums') : query).executeTakeFirst();
}
export type ForumRow = NonNullable<Awaited<ReturnType<typeof findForum>>>;

/** The forum, whoever may see it: for the platform's own reads of a forum it has just written, or found through another row. */
export async function loadForum(db: Db, id: string): Promise<ForumRow> {
  return existing(await forumsWithNames(db).where('forums.id', '=', id).executeTakeFirst(), 'forum', id);
}

export function listEditionForums(db: Db, scope: Scope, editionId: string, limit: number, after?: Position) {
  let query = scoped(db, scope).select(createdAtText('forums').as('cursor_at')).where('forums.edition_id', '=', editionId);
  if (after) query = query.where(createdBefore('forums', after));
  return query.orderBy('forums.created_at', 'desc').orderBy('forums.id', 'desc').limit(limit + 1).execute();
}

export interface ForumValues {
  title: string;
  venue: string;
  address: string | null;
  communeCode: string;
  heldOn: string;
  startsAt: string;
  endsAt: string;
  slotMinutes: number;
  changeoverMinutes: number;
  breaks: ForumBreak[];
}

const columns = (v: ForumValues) => ({
  title: v.title,
  venue: v.venue,
  address: v.address,
  commune_code: v.communeCode,
  held_on: v.heldOn,
  starts_at: v.startsAt,
  ends_at: v.endsAt,
  slot_minutes: v.slotMinutes,
  changeover_minutes: v.changeoverMinutes,
  breaks: JSON.stringify(v.breaks),
});

export async function insertForum(db: Db, values: ForumValues & { editionId: string; createdBy: string; at: Date }): Promise<string> {
  const row = await db
    .insertInto('forums')
    .values({ ...columns(values), edition_id: values.editionId, created_by: values.createdBy, created_at: values.at, updated_at: values.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Guarded by the version read: false when the forum changed meanwhile. */
export async function updateForum(db: Db, id: string, version: number, values: ForumValues & { at: Date }): Promise<boolean> {
  const result = await db
    .updateTable('forums')
    .set({ ...columns(values), updated_at: values.at, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

// Participants -------------------------------------------------------------------------------

export function listForumStructures(db: Db, forumId: string) {
  return db
    .selectFrom('forum_structures as fs')
    .innerJoin('structures as s', 's.id', 'fs.structure_id')
    .select(['fs.structure_id', 'fs.tables', 'fs.unavailable_rounds', 's.name', 's.kind'])
    .where('fs.forum_id', '=', forumId)
    .orderBy('s.name')
    .orderBy('s.id')
    .execute();
}

export async function upsertForumStructure(db: Db, forumId: string, structureId: string, tables: number, unavailableRounds: number[], at: Date) {
  await db
    .insertInto('forum_structures')
    .values({ forum_id: forumId, structure_id: structureId, tables, unavailable_rounds: unavailableRounds, created_at: at })
    .onConflict((oc) => oc.columns(['forum_id', 'structure_id']).doUpdateSet({ tables, unavailable_rounds: unavailableRounds }))
    .execute();
}

export async function deleteForumStructure(db: Db, forumId: string, structureId: string): Promise<boolean> {
  const result = await db.deleteFrom('forum_structures').where('forum_id', '=', forumId).where('structure_id', '=', structureId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export function listForumCandidates(db: Db, forumId: string, only?: string) {
  let query = db
    .selectFrom('forum_candidates as fc')
    .leftJoin('candidate_profiles as p', 'p.user_id', 'fc.candidate_id')
    .select(['fc.candidate_id', 'fc.arrives_at', 'fc.leaves_at', 'fc.attendance', 'p.first_name', 'p.last_name'])
    .where('fc.forum_id', '=', forumId);
  if (only) query = query.where('fc.candidate_id', '=', only);
  return query.orderBy('p.last_name').orderBy('p.first_name').orderBy('fc.candidate_id').execute();
}

/** The applications of the candidate `u` (the outer query's `users as u`) to the missions of an edition. */
function applicationsToEdition(db: Db, editionId: string) {
  return db.selectFrom('applications as a').innerJoin('missions as m', 'm.id', 'a.mission_id').select('a.id').where('a.candidate_id', '=', sql.ref<string>('u.id')).where('m.edition_id', '=', editionId);
}

/**
 * The candidate a coordinator may invite to a forum: a candidate's account (not anonymised) who
 * applied to a mission of the forum's edition, or who agreed to stay in the pool
 * (`stay_in_pool`, kept 2 years by the retention job to be offered other missions) and applied
 * to a mission of the forum's operator. Nobody else: not another operator's candidates, whose
 * names the forum's structures would then read.
 */
function invitableCandidates(db: Db, forum: { editionId: string; operatorId: string }) {
  return db
    .selectFrom('users as u')
    .where('u.role', '=', 'candidate')
    .where('u.anonymised_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb.exists(applicationsToEdition(db, forum.editionId)),
        eb.exists(
          eb
            .selectFrom('applications as a')
            .innerJoin('candidate_profiles as cp', 'cp.user_id', 'a.candidate_id')
            .innerJoin('missions as m', 'm.id', 'a.mission_id')
            .innerJoin('editions as e', 'e.id', 'm.edition_id')
            .innerJoin('programmes as p', 'p.id', 'e.programme_id')
            .select('a.id')
            .whereRef('a.candidate_id', '=', 'u.id')
            .where('cp.stay_in_pool', '=', true)
            .where('p.operator_id', '=', forum.operatorId),
        ),
      ]),
    );
}

export function findInvitableCandidate(db: Db, candidateId: string, forum: { editionId: string; operatorId: string }) {
  return invitableCandidates(db, forum).select('u.id').where('u.id', '=', candidateId).executeTakeFirst();
}

/**
 * The candidates a coordinator may still invite to the forum (findInvitableCandidate's rule, not
 * yet invited), whose name or e-mail holds `q`, by name; `limit + 1` rows to tell whether more match.
 * Whether they applied to the edition (or come from the pool) is said beside each name.
 */
export function searchInvitableCandidates(db: Db, forum: { id: string; editionId: string; operatorId: string }, q: string, limit: number) {
  let query = invitableCandidates(db, forum)
    .leftJoin('candidate_profiles as prof', 'prof.user_id', 'u.id')
    .select(['u.id', 'u.email', 'prof.first_name', 'prof.last_name'])
    .select((eb) =>
      eb
        .exists(applicationsToEdition(db, forum.editionId))
        .as('applied_to_edition'),
    )
    .where((eb) => eb.not(eb.exists(eb.selectFrom('forum_candidates as fc').select('fc.candidate_id').whereRef('fc.candidate_id', '=', 'u.id').where('fc.forum_id', '=', forum.id))));
  const words = q.trim();
  if (words !== '') {
    const pattern = `%${escapeLike(words)}%`;
    query = query.where(sql<boolean>`(coalesce(prof.first_name, '') || ' ' || coalesce(prof.last_name, '') || ' ' || u.email) ilike ${pattern}`);
  }
  return query.orderBy('prof.last_name').orderBy('prof.first_name').orderBy('u.id').limit(limit + 1).execute();
}

/** Adds the candidate unless already there; true when added. */
export async function insertForumCandidate(
  db: Db,
  values: { forumId: string; candidateId: string; arrivesAt: string | null; leavesAt: string | null; invitedBy: string; at: Date },
): Promise<boolean> {
  const rows = await db
    .insertInto('forum_candidates')
    .values({
      forum_id: values.forumId,
      candidate_id: values.candidateId,
      arrives_at: values.arrivesAt,
      leaves_at: values.leavesAt,
      invited_by: values.invitedBy,
      created_at: values.at,
    })
    .onConflict((oc) => oc.columns(['forum_id', 'candidate_id']).doNothing())
    .returning('candidate_id')
    .execute();
  return rows.length === 1;
}

/** A candidate's arrival and leaving times at the forum; false when they are not invited. */
export async function updateForumCandidateTimes(db: Db, forumId: string, candidateId: string, times: { arrivesAt: string | null; leavesAt: string | null }): Promise<boolean> {
  const result = await db
    .updateTable('forum_candidates')
    .set({ arrives_at: times.arrivesAt, leaves_at: times.leavesAt })
    .where('forum_id', '=', forumId)
    .where('candidate_id', '=', candidateId)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function deleteForumCandidate(db: Db, forumId: string, candidateId: string): Promise<boolean> {
  const result = await db.deleteFrom('forum_candidates').where('forum_id', '=', forumId).where('candidate_id', '=', candidateId).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/**
 * Candidates of the edition whose applications are shortlisted or invited to an interview, for
 * missions hosted or partnered by a structure at the forum.
 */
export function shortlistedCandidates(db: Db, forumId: string, editionId: string) {
  return db
    .selectFrom('applications as a')
    .innerJoin('missions as m', 'm.id', 'a.mission_id')
    .select('a.candidate_id')
    .distinct()
    .where('m.edition_id', '=', editionId)
    .where('a.status', 'in', ['shortlisted', 'interview'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('forum_structures as fs')
          .select('fs.structure_id')
          .where('fs.forum_id', '=', forumId)
          .where((w) => w.or([w('fs.structure_id', '=', w.ref('m.host_structure_id')), w('fs.structure_id', '=', w.ref('m.first_circle_structure_id'))])),
      ),
    )
    .orderBy('a.candidate_id')
    .execute();
}

/** Whether the candidate applied to a mission of the edition that the structure hosts or partners. */
/**
 * A candidate's applications to the missions of an edition that a structure hosts or partners
 * (first circle): who may ask to meet whom. `structure` an id, or the outer query's column.
 */
function applicationsWith(db: Db, candidateId: string, editionId: string, structure: string | RawBuilder<string>) {
  return db
    .selectFrom('applications as a')
    .innerJoin('missions as m', 'm.id', 'a.mission_id')
    .select('a.id')
    .where('a.candidate_id', '=', candidateId)
    .where('m.edition_id', '=', editionId)
    .where((w) => w.or([w('m.host_structure_id', '=', structure), w('m.first_circle_structure_id', '=', structure)]));
}

export async function appliedToStructure(db: Db, candidateId: string, structureId: string, editionId: string): Promise<boolean> {
  return (await applicationsWith(db, candidateId, editionId, structureId).executeTakeFirst()) !== undefined;
}

/** The structures at the forum a candidate may ask to meet (appliedToStructure's rule), by name. */
export function structuresToAsk(db: Db, forumId: string, candidateId: string, editionId: string) {
  return db
    .selectFrom('forum_structures as fs')
    .innerJoin('structures as s', 's.id', 'fs.structure_id')
    .select(['s.id', 's.name'])
    .where('fs.forum_id', '=', forumId)
    .where((eb) => eb.exists(applicationsWith(db, candidateId, editionId, sql.ref<string>('s.id'))))
    .orderBy('s.name')
    .orderBy('s.id')
    .execute();
}

// Requests -----------------------------------------------------------------------------------

export async function insertRequest(
  db: Db,
  values: { forumId: string; candidateId: string; structureId: string; side: RequestSide; priority: number; requestedBy: string; at: Date },
): Promise<string | undefined> {
  const row = await db
    .insertInto('meeting_requests')
    .values({
      forum_id: values.forumId,
      candidate_id: values.candidateId,
      structure_id: values.structureId,
      side: values.side,
      priority: values.priority,
      requested_by: values.requestedBy,
      created_at: values.at,
    })
    .onConflict((oc) => oc.columns(['forum_id', 'candidate_id', 'structure_id', 'side']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

/** The forum's requests, each with whether the other side asked too. */
export function listRequests(db: Db, forumId: string, filter: { candidateId?: string | undefined; structureId?: string | undefined; id?: string | undefined } = {}) {
  let query = db
    .selectFrom('meeting_requests as r')
    .innerJoin('structures as s', 's.id', 'r.structure_id')
    .leftJoin('candidate_profiles as p', 'p.user_id', 'r.candidate_id')
    .selectAll('r')
    .select(['s.name as structure_name', 'p.first_name', 'p.last_name'])
    .select(
      sql<boolean>`exists (select 1 from meeting_requests o where o.forum_id = r.forum_id and o.candidate_id = r.candidate_id
        and o.structure_id = r.structure_id and o.side = case r.side when 'candidate' then 'structure' when 'structure' then 'candidate' else '' end)`.as('mutual'),
    )
    .where('r.forum_id', '=', forumId);
  if (filter.candidateId) query = query.where('r.candidate_id', '=', filter.candidateId);
  if (filter.structureId) query = query.where('r.structure_id', '=', filter.structureId);
  if (filter.id) query = query.where('r.id', '=', filter.id);
  return query.orderBy('r.created_at').orderBy('r.id').execute();
}
export type RequestRow = Awaited<ReturnType<typeof listRequests>>[number];

export async function deleteRequest(db: Db, id: string): Promise<void> {
  await db.deleteFrom('meeting_requests').where('id', '=', id).execute();
}
