import { sql } from 'kysely';
import type { Db } from '../../../db/database.js';
import type { Scope } from '../../lib/access.js';
import { visible } from '../../lib/visibility.js';

/**
 * The follow-up's reads and writes: the placed volunteers (an active member of a binôme with a
 * placement), their trainings, the tutors' check-ins, the early ends, and the coordination's
 * lists. Every read of someone's data is scoped with `visible` (src/lib/visibility.ts).
 */

/** The effective end of a placed volunteer: their early end's date, else the placement's. */
const effectiveEnd = sql<string>`coalesce(ee.ends_on, p.ends_on)`;

/** Placed volunteers with what their follow-up and certificate show: a member of a binôme with a placement. */
function placedVolunteers(db: Db, scope: Scope) {
  return db
    .selectFrom('binome_members as bm')
    .innerJoin('binomes', 'binomes.id', 'bm.binome_id')
    .innerJoin('placements as p', 'p.binome_id', 'bm.binome_id')
    .innerJoin('missions as m', 'm.id', 'p.mission_id')
    .innerJoin('structures as host', 'host.id', 'p.host_structure_id')
    .innerJoin('structures as fc', 'fc.id', 'p.first_circle_structure_id')
    .innerJoin('operators as o', 'o.id', 'p.operator_id')
    .innerJoin('editions as e', 'e.id', 'binomes.edition_id')
    .innerJoin('users as u', 'u.id', 'bm.candidate_id')
    .leftJoin('candidate_profiles as cp', 'cp.user_id', 'bm.candidate_id')
    .leftJoin('communes as hc', 'hc.code', 'host.commune_code')
    .leftJoin('early_ends as ee', (j) => j.onRef('ee.binome_id', '=', 'bm.binome_id').onRef('ee.candidate_id', '=', 'bm.candidate_id'))
    .select([
      'bm.binome_id',
      'bm.candidate_id',
      'bm.seat',
      'binomes.status as binome_status',
      'binomes.edition_id',
      'e.label as edition_label',
      'p.id as placement_id',
      'p.starts_on',
      'p.ends_on as planned_ends_on',
      effectiveEnd.as('ends_on'),
      'p.host_tutor_id',
      'p.operator_tutor_id',
      'm.id as mission_id',
      'm.title as mission_title',
      'm.weekly_hours',
      'host.name as host_name',
      'hc.name as host_commune',
      'fc.name as first_circle_name',
      'o.name as operator_name',
      'o.accreditation_number',
      'cp.first_name',
      'cp.last_name',
      'cp.birth_date',
      'u.full_name',
      'ee.ends_on as early_ends_on',
      'ee.asked_by as early_asked_by',
      'ee.reason as early_reason',
      'ee.note as early_note',
    ])
    .where('bm.active', '=', true)
    .where(visible('binomes', scope));
}

export type PlacedVolunteerRow = Awaited<ReturnType<ReturnType<typeof placedVolunteers>['executeTakeFirstOrThrow']>>;

/** One placed volunteer of a binôme the scope sees (undefined otherwise: a 404 for the caller). */
export function findPlacedVolunteer(db: Db, scope: Scope, binomeId: string, candidateId: string) {
  return placedVolunteers(db, scope).where('bm.binome_id', '=', binomeId).where('bm.candidate_id', '=', candidateId).executeTakeFirst();
}

/** The placed volunteers of a binôme the scope sees, seat 1 first (none: not seen, or not placed). */
export function placedVolunteersOf(db: Db, scope: Scope, binomeId: string) {
  return placedVolunteers(db, scope).where('bm.binome_id', '=', binomeId).orderBy('bm.seat').execute();
}

/** A candidate's own placements, the latest first. */
export function ownPlacements(db: Db, scope: Scope, candidateId: string) {
  return placedVolunteers(db, scope).where('bm.candidate_id', '=', candidateId).orderBy('p.starts_on', 'desc').execute();
}

// ---------------------------------------------------------------------------------------------
// Trainings

export function trainingsOf(db: Db, scope: Scope, binomeId: string, candidateId?: string) {
  let query = db
    .selectFrom('volunteer_trainings')
    .leftJoin('users as r', 'r.id', 'volunteer_trainings.recorded_by')
    .select([
      'volunteer_trainings.binome_id',
      'volunteer_trainings.candidate_id',
      'volunteer_trainings.kind',
      'volunteer_trainings.starts_on',
      'volunteer_trainings.ends_on',
      'volunteer_trainings.provider',
      'volunteer_trainings.recorded_at',
      'r.full_name as recorded_by_name',
    ])
    .where('volunteer_trainings.binome_id', '=', binomeId)
    .where(visible('volunteer_trainings', scope));
  if (candidateId) query = query.where('volunteer_trainings.candidate_id', '=', candidateId);
  return query.orderBy('volunteer_trainings.candidate_id').orderBy('volunteer_trainings.kind').execute();
}

export type TrainingRow = Awaited<ReturnType<typeof trainingsOf>>[number];

/** Records a training, or rewrites the one of that kind (one per kind per volunteer): `inserted` says which. */
export function upsertTraining(
  db: Db,
  v: { binomeId: string; candidateId: string; kind: 'fcc' | 'psc1'; startsOn: string; endsOn: string; provider: string | null; by: string; at: Date },
) {
  return db
    .insertInto('volunteer_trainings')
    .values({ binome_id: v.binomeId, candidate_id: v.candidateId, kind: v.kind, starts_on: v.startsOn, ends_on: v.endsOn, provider: v.provider, recorded_by: v.by, recorded_at: v.at })
    .onConflict((oc) =>
      oc.columns(['binome_id', 'candidate_id', 'kind']).doUpdateSet({ starts_on: v.startsOn, ends_on: v.endsOn, provider: v.provider, recorded_by: v.by, recorded_at: v.at }),
    )
    // xmax is 0 on a row this statement inserted, set on one it updated.
    .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
    .executeTakeFirstOrThrow();
}

// ---------------------------------------------------------------------------------------------
// Check-ins

export function checkinsOf(db: Db, scope: Scope, binomeId: string) {
  return db
    .selectFrom('tutor_checkins')
    .innerJoin('users as a', 'a.id', 'tutor_checkins.author_id')
    .select([
      'tutor_checkins.id',
      'tutor_checkins.binome_id',
      'tutor_checkins.candidate_id',
      'tutor_checkins.held_on',
      'tutor_checkins.note',
      'tutor_checkins.author_id',
      'a.full_name as author_name',
      'a.role as author_role',
      'tutor_checkins.created_at',
    ])
    .where('tutor_checkins.binome_id', '=', binomeId)
    .where(visible('tutor_checkins', scope))
    .orderBy('tutor_checkins.held_on', 'desc')
    .orderBy('tutor_checkins.created_at', 'desc')
    .limit(500)
    .execute();
}

export type CheckinRow = Awaited<ReturnType<typeof checkinsOf>>[number];

export async function insertCheckin(db: Db, v: { binomeId: string; candidateId: string | null; heldOn: string; note: string; by: string; at: Date }) {
  const row = await db
    .insertInto('tutor_checkins')
    .values({ binome_id: v.binomeId, candidate_id: v.candidateId, held_on: v.heldOn, note: v.note, author_id: v.by, created_at: v.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

// ---------------------------------------------------------------------------------------------
// Early ends

/** Records the early end; undefined when one is there already (once per volunteer: early_ends_pkey). */
export function insertEarlyEnd(
  db: Db,
  v: { binomeId: string; candidateId: string; endsOn: string; askedBy: string; reason: string; note: string | null; by: string; at: Date },
) {
  return db
    .insertInto('early_ends')
    .values({
      binome_id: v.binomeId,
      candidate_id: v.candidateId,
      ends_on: v.endsOn,
      asked_by: v.askedBy as 'volunteer',
      reason: v.reason as 'other',
      note: v.note,
      recorded_by: v.by,
      recorded_at: v.at,
    })
    .onConflict((oc) => oc.columns(['binome_id', 'candidate_id']).doNothing())
    .returning(['binome_id', 'candidate_id'])
    .executeTakeFirst();
}

// ---------------------------------------------------------------------------------------------
// The coordination's lists

/** The editions the scope sees, newest first, with whether each runs on `today`. */
export function editionsSeen(db: Db, scope: Scope) {
  return db
    .selectFrom('editions')
    .innerJoin('programmes', 'programmes.id', 'editions.programme_id')
    .select(['editions.id', 'editions.label', 'editions.status', 'editions.starts_on', 'editions.ends_on', 'programmes.name as programme'])
    .where(visible('editions', scope))
    .orderBy('editions.starts_on', 'desc')
    .orderBy('editions.label')
    .limit(200)
    .execute();
}

export type EditionSeen = Awaited<ReturnType<typeof editionsSeen>>[number];

/**
 * Rule `trainings-due`: the placed volunteers of confirmed binômes whose (effective) end is on
 * or before `until` and who lack an FCC or a PSC1 record, the soonest end first.
 */
export function trainingsDue(db: Db, scope: Scope, editionIds: readonly string[], until: string) {
  if (editionIds.length === 0) return Promise.resolve([]);
  const has = (kind: 'fcc' | 'psc1') =>
    sql<boolean>`exists (select 1 from volunteer_trainings vt where vt.binome_id = bm.binome_id and vt.candidate_id = bm.candidate_id and vt.kind = ${kind})`;
  return placedVolunteers(db, scope)
    .select([has('fcc').as('has_fcc'), has('psc1').as('has_psc1')])
    .where('binomes.status', '=', 'confirmed')
    .where('binomes.edition_id', 'in', editionIds)
    .where(effectiveEnd, '<=', until)
    .where((eb) => eb.or([eb.not(has('fcc')), eb.not(has('psc1'))]))
    .orderBy(effectiveEnd)
    .orderBy('cp.last_name')
    .orderBy('bm.candidate_id')
    .limit(10_000)
    .execute();
}

export type TrainingDueRow = Awaited<ReturnType<typeof trainingsDue>>[number];

/** The edition's early ends the scope sees, the latest first. */
export function earlyEndsOf(db: Db, scope: Scope, editionIds: readonly string[]) {
  if (editionIds.length === 0) return Promise.resolve([]);
  return placedVolunteers(db, scope)
    .where('binomes.edition_id', 'in', editionIds)
    // Seen as their binôme is (visibility.ts, early_ends: « as its binôme » for the staff, who alone read this list).
    .where('ee.ends_on', 'is not', null)
    .orderBy('ee.ends_on', 'desc')
    .orderBy('bm.candidate_id')
    .limit(1000)
    .execute();
}

/** Submitted projects (waiting for a coordinator's validation) the scope sees, the oldest first. */
export function projectsToValidate(db: Db, scope: Scope, editionIds: readonly string[]) {
  if (editionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('mediation_projects')
    .innerJoin('binomes', 'binomes.id', 'mediation_projects.binome_id')
    .innerJoin('missions as m', 'm.id', 'binomes.mission_id')
    .select(['mediation_projects.id', 'mediation_projects.title', 'mediation_projects.binome_id', 'mediation_projects.updated_at', 'm.title as mission_title'])
    .where('mediation_projects.status', '=', 'submitted')
    .where('mediation_projects.edition_id', 'in', editionIds)
    .where(visible('mediation_projects', scope))
    .orderBy('mediation_projects.updated_at')
    .orderBy('mediation_projects.id')
    .limit(500)
    .execute();
}

/** The outings (not cancelled) the scope sees that start in [from, to), in order. */
export function outingsBetween(db: Db, scope: Scope, editionIds: readonly string[], from: Date, to: Date) {
  if (editionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('outings')
    .innerJoin('mediation_projects as mp', 'mp.id', 'outings.project_id')
    .innerJoin('structures as venue', 'venue.id', 'outings.venue_structure_id')
    .select([
      'outings.id',
      'outings.project_id',
      'outings.starts_at',
      'outings.ends_at',
      'outings.what_kind',
      'outings.what_title',
      'venue.name as venue_name',
      'mp.title as project_title',
      'mp.binome_id',
    ])
    .where('outings.cancelled_at', 'is', null)
    .where('outings.starts_at', '>=', from)
    .where('outings.starts_at', '<', to)
    .where('mp.edition_id', 'in', editionIds)
    .where(visible('outings', scope))
    .orderBy('outings.starts_at')
    .orderBy('outings.id')
    .limit(500)
    .execute();
}

/** The placed volunteers of the editions' binômes the scope sees, by binôme (the overview's « Binômes suivis »). */
export function placedOfEditions(db: Db, scope: Scope, editionIds: readonly string[]) {
  if (editionIds.length === 0) return Promise.resolve([]);
  return placedVolunteers(db, scope)
    .where('binomes.edition_id', 'in', editionIds)
    .where('binomes.status', 'in', ['confirmed', 'broken'])
    .orderBy('m.title')
    .orderBy('bm.binome_id')
    .orderBy('bm.seat')
    .limit(2000)
    .execute();
}
