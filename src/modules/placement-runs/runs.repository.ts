import { sql } from 'kysely';
import type { Db, PlacementMode } from '../../../db/database.js';
import type { Scope } from '../../lib/access.js';
import type { Position } from '../../lib/pagination.js';
import { createdAtText, createdBefore } from '../../lib/sql.js';
import { visible } from '../../lib/visibility.js';

/**
 * The volunteers in play for an edition's placement: applications to its published (or filled)
 * missions that are in interview or shortlisted, or accepted, whose candidate is in no active
 * binôme of the edition and still has an account.
 */
export function applicationsInPlay(db: Db, editionId: string) {
  return db
    .selectFrom('applications as a')
    .innerJoin('missions as m', 'm.id', 'a.mission_id')
    .innerJoin('users as u', 'u.id', 'a.candidate_id')
    .innerJoin('candidate_profiles as p', 'p.user_id', 'a.candidate_id')
    .leftJoin('communes as c', 'c.code', 'p.commune_code')
    .select([
      'a.id',
      'a.candidate_id',
      'a.mission_id',
      'a.status',
      'a.version',
      'a.rating',
      'p.version as profile_version',
      'p.driving_licence',
      'p.has_car',
      'p.public_transport',
      'p.interests',
      'c.latitude',
      'c.longitude',
    ])
    .where('m.edition_id', '=', editionId)
    .where('m.status', 'in', ['published', 'filled'])
    .where('a.status', 'in', ['interview', 'shortlisted', 'accepted'])
    .where('u.anonymised_at', 'is', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('binome_members as bm')
            .select('bm.binome_id')
            .whereRef('bm.candidate_id', '=', 'a.candidate_id')
            .where('bm.edition_id', '=', editionId)
            .where('bm.active', '=', true),
        ),
      ),
    )
    .orderBy('a.candidate_id')
    .orderBy('a.mission_id')
    .execute();
}

export type InPlayRow = Awaited<ReturnType<typeof applicationsInPlay>>[number];

/** The edition's published (or filled) missions with their places and where their structures are. */
export function missionsInPlay(db: Db, editionId: string) {
  return db
    .selectFrom('missions as m')
    .innerJoin('communes as mc', 'mc.code', 'm.commune_code')
    .innerJoin('structures as h', 'h.id', 'm.host_structure_id')
    .leftJoin('communes as hc', 'hc.code', 'h.commune_code')
    .innerJoin('structures as f', 'f.id', 'm.first_circle_structure_id')
    .leftJoin('communes as fc', 'fc.code', 'f.commune_code')
    .select([
      'm.id',
      'm.title',
      'm.places',
      'm.accepted',
      'm.reserved',
      'm.version',
      'm.host_structure_id',
      'm.first_circle_structure_id',
      'h.name as host_name',
      'f.name as partner_name',
      'mc.latitude',
      'mc.longitude',
      sql<number | null>`coalesce(h.latitude, hc.latitude)`.as('host_latitude'),
      sql<number | null>`coalesce(h.longitude, hc.longitude)`.as('host_longitude'),
      sql<number | null>`coalesce(f.latitude, fc.latitude)`.as('partner_latitude'),
      sql<number | null>`coalesce(f.longitude, fc.longitude)`.as('partner_longitude'),
    ])
    .where('m.edition_id', '=', editionId)
    .where('m.status', 'in', ['published', 'filled'])
    .orderBy('m.id')
    .execute();
}

export type MissionInPlayRow = Awaited<ReturnType<typeof missionsInPlay>>[number];

/** The forum evaluations of the edition's forums, oldest forum first (a later forum's opinion wins). */
export function evaluationsOf(db: Db, editionId: string) {
  return db
    .selectFrom('forum_evaluations as e')
    .innerJoin('forums', 'forums.id', 'e.forum_id')
    .select(['e.candidate_id', 'e.structure_id', 'e.structure_score', 'e.would_host', 'e.candidate_interest'])
    .where('forums.edition_id', '=', editionId)
    .orderBy('forums.held_on')
    .orderBy('forums.id')
    .orderBy('e.candidate_id')
    .orderBy('e.structure_id')
    .execute();
}

export type EvaluationRow = Awaited<ReturnType<typeof evaluationsOf>>[number];

export async function nextRunNumber(db: Db, editionId: string): Promise<number> {
  const row = await db.selectFrom('placement_runs').select(sql<number>`coalesce(max(number), 0) + 1`.as('next')).where('edition_id', '=', editionId).executeTakeFirstOrThrow();
  return Number(row.next);
}

export async function insertRun(
  db: Db,
  v: {
    editionId: string;
    number: number;
    mode: PlacementMode;
    weights: Record<string, number>;
    locks: unknown[];
    exclusions: unknown[];
    digest: string;
    volunteers: number;
    missions: number;
    /** JSON text (jsonb). */
    proposals: string;
    unplaced: string;
    openPlaces: string;
    objective: number;
    bound: number;
    assignmentOptimum: number;
    durationMs: number;
    createdBy: string;
    at: Date;
  },
) {
  const row = await db
    .insertInto('placement_runs')
    .values({
      edition_id: v.editionId,
      number: v.number,
      mode: v.mode,
      weights: JSON.stringify(v.weights),
      locks: JSON.stringify(v.locks),
      exclusions: JSON.stringify(v.exclusions),
      input_digest: v.digest,
      volunteers: v.volunteers,
      missions: v.missions,
      proposals: v.proposals,
      unplaced: v.unplaced,
      open_places: v.openPlaces,
      objective: v.objective,
      bound: v.bound,
      assignment_optimum: v.assignmentOptimum,
      duration_ms: v.durationMs,
      created_by: v.createdBy,
      created_at: v.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Runs of the editions the scope may see (coordinators' operator); structure members and candidates see none. */
function scoped(db: Db, scope: Scope) {
  const query = db
    .selectFrom('placement_runs as r')
    .innerJoin('editions', 'editions.id', 'r.edition_id')
    .innerJoin('programmes', 'programmes.id', 'editions.programme_id')
    .selectAll('r')
    .select(['programmes.operator_id', 'editions.status as edition_status', createdAtText('r').as('cursor_at')]);
  return query.where(visible('placement_runs', scope));
}

export function findRun(db: Db, id: string, scope: Scope, options: { forUpdate?: boolean } = {}) {
  const query = scoped(db, scope).where('r.id', '=', id);
  return (options.forUpdate ? query.forUpdate('r') : query).executeTakeFirst();
}

export type RunRow = NonNullable<Awaited<ReturnType<typeof findRun>>>;

/** The run, whoever may see it: for the platform's own reads of a run it just wrote or locked. */
export async function loadRun(db: Db, id: string, options: { forUpdate?: boolean } = {}): Promise<RunRow> {
  const row = await findRun(db, id, { kind: 'all' }, options);
  if (!row) throw new Error(`placement run ${id} vanished`);
  return row;
}

export function listRuns(db: Db, scope: Scope, editionId: string, limit: number, cursor?: Position) {
  let query = scoped(db, scope).where('r.edition_id', '=', editionId);
  if (cursor) query = query.where(createdBefore('r', cursor));
  return query.orderBy('r.created_at', 'desc').orderBy('r.id', 'desc').limit(limit + 1).execute();
}

export async function markApplied(db: Db, id: string, by: string, at: Date) {
  const result = await db.updateTable('placement_runs').set({ applied_at: at, applied_by: by }).where('id', '=', id).where('applied_at', 'is', null).executeTakeFirst();
  return result.numUpdatedRows === 1n;
}

/** First and last names of candidates, to explain a run (never stored in the run itself). */
export function namesOf(db: Db, candidateIds: readonly string[]) {
  if (candidateIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('candidate_profiles').select(['user_id', 'first_name', 'last_name']).where('user_id', 'in', candidateIds).execute();
}

export function missionTitlesOf(db: Db, missionIds: readonly string[]) {
  if (missionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('missions')
    .innerJoin('structures as h', 'h.id', 'missions.host_structure_id')
    .innerJoin('structures as f', 'f.id', 'missions.first_circle_structure_id')
    .select(['missions.id', 'missions.title', 'h.name as host_name', 'f.name as partner_name'])
    .where('missions.id', 'in', missionIds)
    .execute();
}
