import { sql } from 'kysely';
import type { ApplicationStatus, ApplicationsTable, Database, Db } from '../../../db/database.js';
import type { Scope } from '../../lib/access.js';
import { createdAtText, createdBefore, escapeLike, existing } from '../../lib/sql.js';
import { visible } from '../../lib/visibility.js';
import { endsOn } from '../missions/missions.repository.js';
import type { ExpressionBuilder, Insertable } from 'kysely';
import { PENDING } from './applications.statuses.js';

/**
 * Offers waiting for the candidate's answer that hold no place: not a binôme member's (whose
 * place is reserved, `missions.reserved`). They compete for the mission's free places. For a
 * query on `applications as o`.
 */
function holdsNoPlace(eb: ExpressionBuilder<Database & { o: ApplicationsTable }, 'o'>) {
  return eb.and([
    eb('o.status', '=', 'offered'),
    eb.not(eb.exists(eb.selectFrom('binome_members as bm').select('bm.application_id').whereRef('bm.application_id', '=', 'o.id').where('bm.active', '=', true))),
  ]);
}

/**
 * An application with what its views need: the mission and its host, and the candidate's
 * profile fields a reviewer may see. The profile is joined on the left: an anonymised
 * candidate has none. The birth date is selected for the age, which the service computes;
 * it never leaves the service.
 */
function applicationsWithContext(db: Db) {
  return db
    .selectFrom('applications as a')
    .innerJoin('missions', 'missions.id', 'a.mission_id')
    .innerJoin('structures as host', 'host.id', 'missions.host_structure_id')
    // The programme's name, for the candidate's e-mails.
    .innerJoin('editions as mission_edition', 'mission_edition.id', 'missions.edition_id')
    .innerJoin('programmes as programme', 'programme.id', 'mission_edition.programme_id')
    .innerJoin('users as u', 'u.id', 'a.candidate_id')
    .leftJoin('candidate_profiles as p', 'p.user_id', 'a.candidate_id')
    .leftJoin('communes as c', 'c.code', 'p.commune_code')
    .selectAll('a')
    .select([
      'missions.title as mission_title',
      'missions.edition_id',
      'missions.host_structure_id',
      'missions.starts_on as mission_starts_on',
      endsOn.as('mission_ends_on'),
      'missions.places as mission_places',
      'missions.accepted as mission_accepted',
      'missions.reserved as mission_reserved',
      (eb) =>
        eb
          .selectFrom('applications as o')
          .select((o) => o.cast<number>(o.fn.countAll(), 'integer').as('n'))
          .whereRef('o.mission_id', '=', 'a.mission_id')
          .where(holdsNoPlace)
          .as('mission_pending_offers'),
      'missions.status as mission_status',
      'host.name as host_name',
      'host.operator_id',
      'programme.name as programme_name',
      'u.email',
      'p.first_name',
      'p.last_name',
      'p.birth_date',
      'p.commune_code',
      'c.name as commune_name',
      'p.phone',
      'p.driving_licence',
      'p.has_car',
      'p.public_transport',
      'p.interests',
      'p.presentation',
    ]);
}

/** The applications the scope may see (visibility.ts). */
function scoped(db: Db, scope: Scope) {
  return applicationsWithContext(db).where(visible('applications', scope));
}

export function findApplication(db: Db, id: string, scope: Scope) {
  return scoped(db, scope).where('a.id', '=', id).executeTakeFirst();
}
export type ApplicationRow = NonNullable<Awaited<ReturnType<typeof findApplication>>>;

/** The application, whoever may see it: for the platform's own reads of an application it has just written or locked. */
export async function loadApplication(db: Db, id: string): Promise<ApplicationRow> {
  return existing(await applicationsWithContext(db).where('a.id', '=', id).executeTakeFirst(), 'application', id);
}

/** Locks the application row until the transaction ends; its status is read again after. */
export async function lockApplication(db: Db, id: string): Promise<void> {
  await db.selectFrom('applications').select('id').where('id', '=', id).forUpdate().execute();
}

export async function insertApplication(db: Db, values: Insertable<ApplicationsTable>): Promise<string> {
  const row = await db.insertInto('applications').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export function findActiveApplication(db: Db, candidateId: string, missionId: string) {
  return db
    .selectFrom('applications')
    .select(['id', 'status'])
    .where('candidate_id', '=', candidateId)
    .where('mission_id', '=', missionId)
    .where('status', 'in', [...PENDING, 'accepted'])
    .executeTakeFirst();
}

export async function countPending(db: Db, candidateId: string): Promise<number> {
  const row = await db
    .selectFrom('applications')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('candidate_id', '=', candidateId)
    .where('status', 'in', PENDING)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The candidate's accepted placements, with their periods. */
export function acceptedPlacements(db: Db, candidateId: string) {
  return db
    .selectFrom('applications as a')
    .innerJoin('missions', 'missions.id', 'a.mission_id')
    .select(['missions.id as mission_id', 'missions.title', 'missions.starts_on', endsOn.as('ends_on')])
    .where('a.candidate_id', '=', candidateId)
    .where('a.status', '=', 'accepted')
    // In the order the set-based read gives (eligibility.batch.ts): a refusal names the same mission.
    .orderBy('missions.starts_on')
    .orderBy('a.id')
    .execute();
}

/** The candidate's applications still waiting for a decision. */
export function pendingOf(db: Db, candidateId: string) {
  return db.selectFrom('applications').select(['id', 'status']).where('candidate_id', '=', candidateId).where('status', 'in', PENDING).orderBy('created_at').forUpdate().execute();
}

/** The candidate's other applications still waiting for a decision (they go obsolete on an acceptance). */
export function otherPending(db: Db, candidateId: string, exceptId: string) {
  return db
    .selectFrom('applications')
    .select(['id', 'status'])
    .where('candidate_id', '=', candidateId)
    .where('id', '<>', exceptId)
    .where('status', 'in', PENDING)
    .orderBy('created_at')
    .forUpdate()
    .execute();
}

/** The mission's offers that hold no place, oldest first, locked: they end when it has no free place left. */
export function unheldOffers(db: Db, missionId: string) {
  return db.selectFrom('applications as o').select('o.id').where('o.mission_id', '=', missionId).where(holdsNoPlace).orderBy('o.created_at').orderBy('o.id').forUpdate().execute();
}

export async function insertNote(db: Db, values: { applicationId: string; authorId: string; body: string; rating: number | null; at: Date }) {
  return db
    .insertInto('application_notes')
    .values({ application_id: values.applicationId, author_id: values.authorId, body: values.body, rating: values.rating, created_at: values.at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function setRating(db: Db, id: string, rating: number, at: Date): Promise<void> {
  await db.updateTable('applications').set({ rating, updated_at: at }).where('id', '=', id).execute();
}

export function listNotes(db: Db, applicationId: string) {
  return db
    .selectFrom('application_notes as n')
    .innerJoin('users as u', 'u.id', 'n.author_id')
    .selectAll('n')
    .select(['u.full_name as author_name', 'u.role as author_role'])
    .where('n.application_id', '=', applicationId)
    .orderBy('n.created_at')
    .orderBy('n.id')
    .execute();
}

export type ReviewSort = 'newest' | 'oldest' | 'rating';

export interface ReviewFilter {
  /**
   * Only the missions this structure hosts. Without it, every host the scope sees: for a
   * coordinator, the operator's structures (the service never lets a member go without it).
   */
  structureId?: string | undefined;
  /** Only the missions of this edition. */
  editionId?: string | undefined;
  status?: readonly ApplicationStatus[] | undefined;
  missionId?: string | undefined;
  q?: string | undefined;
  sort: ReviewSort;
  limit: number;
  /** The last row's sort key: [rating or created_at text, created_at text, id]. */
  after?: readonly string[] | undefined;
}

/** The sort key of each order, all compared in one direction so that a row comparison pages it. */
const sortKeys: Record<ReviewSort, { keys: ReturnType<typeof sql>[]; desc: boolean }> = {
  newest: { keys: [sql`a.created_at`, sql`a.id`], desc: true },
  oldest: { keys: [sql`a.created_at`, sql`a.id`], desc: false },
  rating: { keys: [sql`coalesce(a.rating, 0)`, sql`a.created_at`, sql`a.id`], desc: true },
};

/** The applications to the missions the scope sees, of one host structure and/or one edition, for the reviewers. */
export function listReviewedApplications(db: Db, scope: Scope, f: ReviewFilter) {
  let query = scoped(db, scope).select([createdAtText('a').as('created_text'), sql<string>`coalesce(a.rating, 0)::text`.as('rating_text')]);
  if (f.structureId) query = query.where('missions.host_structure_id', '=', f.structureId);
  if (f.editionId) query = query.where('missions.edition_id', '=', f.editionId);
  if (f.status?.length) query = query.where('a.status', 'in', f.status);
  if (f.missionId) query = query.where('a.mission_id', '=', f.missionId);
  if (f.q) {
    const pattern = `%${escapeLike(f.q)}%`;
    query = query.where(sql<boolean>`(coalesce(p.first_name, '') || ' ' || coalesce(p.last_name, '') || ' ' || a.motivation) ilike ${pattern}`);
  }
  const { keys, desc } = sortKeys[f.sort];
  if (f.after) {
    const casts = f.sort === 'rating' ? ['integer', 'timestamptz', 'uuid'] : ['timestamptz', 'uuid'];
    const values = f.after.map((v, i) => sql`${v}::${sql.raw(casts[i]!)}`);
    query = query.where(sql<boolean>`(${sql.join(keys)}) ${sql.raw(desc ? '<' : '>')} (${sql.join(values)})`);
  }
  for (const key of keys) query = query.orderBy(key, desc ? 'desc' : 'asc');
  return query.limit(f.limit + 1).execute();
}

/** The candidate's own applications, newest first. */
export function listCandidateApplications(db: Db, candidateId: string, f: { status?: readonly ApplicationStatus[] | undefined; limit: number; after?: readonly string[] | undefined }) {
  let query = scoped(db, { kind: 'self', userId: candidateId }).select(createdAtText('a').as('created_text'));
  if (f.status?.length) query = query.where('a.status', 'in', f.status);
  if (f.after) query = query.where(createdBefore('a', f.after));
  return query.orderBy('a.created_at', 'desc').orderBy('a.id', 'desc').limit(f.limit + 1).execute();
}

/** Applications left in `statuses` since before `before` (the jobs), oldest first. */
export function untouchedSince(db: Db, statuses: readonly ApplicationStatus[], before: Date, limit: number) {
  return db
    .selectFrom('applications')
    .select(['id', 'status'])
    .where('status', 'in', statuses)
    .where('status_changed_at', '<', before)
    .orderBy('status_changed_at')
    .limit(limit)
    .execute();
}
